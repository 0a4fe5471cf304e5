using System.Text.Json.Nodes;
using MedSummary.Api.Dossiers;
using MedSummary.Api.Errors;
using MedSummary.Api.Review;
using MedSummary.Api.Security;
using MedSummary.Core.Contract;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedSummary.Api.Hosting;

/// <summary>
/// Makes the OpenAPI document describe the service as it answers, so that a generated client works unedited: the
/// document's info, servers and tags; every problem an operation can answer (its own codes and those every endpoint
/// shares) as application/problem+json with the codes listed; the headers (ETag, Location, Retry-After,
/// WWW-Authenticate, If-Match); the multipart upload; the answers built as JSON or HTML rather than from a type.
/// </summary>
internal static class OpenApiTransformers
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemContentType = "application/problem+json";

    public static OpenApiOptions AddMedSummaryTransformers(this OpenApiOptions options)
    {
        options.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>();
        options.AddDocumentTransformer(DescribeDocumentAsync);
        options.AddOperationTransformer(DescribeOperationAsync);
        options.AddSchemaTransformer(DescribeSchema);
        return options;
    }

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Dossiers", "Upload a dossier's files, follow its processing, read its result, summary, alerts, page views and HTML report."),
        ("Review", "The form as reviewed: accept, correct or reject fields (optimistic concurrency by ETag), validate, read the audit trail."),
        ("FHIR", "Export a completed dossier as a FHIR R4 document Bundle."),
        ("Search", "Passage search across the tenant's dossiers."),
        ("Health", "Liveness and readiness probes, and the operator's detailed health."),
    ];

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Version = "v1";
        document.Info.Contact = new OpenApiContact { Name = "MedSummary maintainers", Url = new Uri("https://github.com/medsummary/medsummary") };
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };

        // One relative server: the document is the same wherever the service runs, and clients set their base address.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This MedSummary service" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.AddComponent(ProblemSchema, (IOpenApiSchema)await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= [];

        operation.Security = Security(metadata, document);
        var codes = new List<string>(metadata.OfType<ProblemCodesMetadata>().SelectMany(m => m.Codes));
        codes.AddRange(SharedCodes(metadata));
        foreach (var group in codes.Distinct(StringComparer.Ordinal).GroupBy(ApiErrorCodes.StatusOf).OrderBy(g => g.Key))
        {
            var key = group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
            {
                response = new OpenApiResponse();
                operation.Responses[key] = response;
            }

            response.Description = $"{ReasonPhrase(group.Key)}. Problem codes: {string.Join(", ", group.Order(StringComparer.Ordinal))}.";
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            };
        }

        foreach (var header in metadata.OfType<ResponseHeaderMetadata>())
        {
            AddHeader(operation, header.Status, header.Name, header.Description);
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (status is "429" or "503")
            {
                AddHeader(operation, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), "Retry-After", "Seconds to wait before retrying.", integer: true);
            }
            else if (status == "401")
            {
                AddHeader(operation, 401, "WWW-Authenticate", "The credentials expected (ApiKey header, and Bearer when tokens are on).");
            }

            // Framework-declared HTML answers come without a schema: they are text.
            foreach (var (type, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (type.StartsWith("text/", StringComparison.Ordinal) && media.Schema is null)
                {
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
                }
            }
        }

        if (metadata.OfType<IfMatchMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The form's ETag as GET /form returned it (or *): the change applies only if the form has not changed since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (metadata.OfType<DossierUploadMetadata>().Any())
        {
            operation.RequestBody = UploadBody();
        }

        if (metadata.OfType<ReviewedFormMetadata>().Any())
        {
            await DescribeFormAsync(operation, context, cancellationToken).ConfigureAwait(false);
        }

        if (metadata.OfType<HtmlAlternativeMetadata>().Any() && operation.Responses.TryGetValue("200", out var page) && page is OpenApiResponse pageResponse)
        {
            pageResponse.Content ??= new Dictionary<string, OpenApiMediaType>();
            pageResponse.Content["text/html"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        if (metadata.OfType<FhirBundleMetadata>().Any() && operation.Responses.TryGetValue("200", out var fhir) && fhir is OpenApiResponse fhirResponse)
        {
            document.AddComponent("FhirBundle", (IOpenApiSchema)FhirBundle());
            fhirResponse.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/fhir+json"] = new() { Schema = new OpenApiSchemaReference("FhirBundle", document) },
            };
        }
    }

    /// <summary>Who may call: nobody needs a key for probes and link opening; the operator key for operator endpoints; the report also takes a link's cookie.</summary>
    private static List<OpenApiSecurityRequirement> Security(IList<object> metadata, OpenApiDocument document)
    {
        OpenApiSecurityRequirement Scheme(string name) => new() { [new OpenApiSecuritySchemeReference(name, document)] = [] };
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return [];
        }

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(OperatorRequirement.PolicyName) ? [Scheme(ApiKeySecuritySchemeTransformer.OperatorSchemeName)]
            : policies.Contains(ReportLinks.ReportLinksApi.ReaderPolicy) ? [Scheme(ApiKeySecuritySchemeTransformer.SchemeName), Scheme(ApiKeySecuritySchemeTransformer.CookieSchemeName)]
            : [Scheme(ApiKeySecuritySchemeTransformer.SchemeName)];
    }

    /// <summary>Codes every endpoint may answer: request limits, throttled authentication, internal errors; and for protected ones the credentials, rate and store.</summary>
    private static IEnumerable<string> SharedCodes(IList<object> metadata)
    {
        yield return ApiErrorCodes.UriTooLong;
        yield return ApiErrorCodes.HeadersTooLarge;
        yield return ApiErrorCodes.AuthThrottled;
        yield return ApiErrorCodes.InternalError;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            yield break;
        }

        yield return ApiErrorCodes.Unauthorized;
        yield return ApiErrorCodes.RateLimited;
        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == OperatorRequirement.PolicyName))
        {
            yield return ApiErrorCodes.Forbidden;
        }
        else
        {
            yield return ApiErrorCodes.StoreUnavailable;
        }
    }

    private static void AddHeader(OpenApiOperation operation, int status, string name, string description, bool integer = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var found) && found is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader
            {
                Description = description,
                Schema = new OpenApiSchema { Type = integer ? JsonSchemaType.Integer : JsonSchemaType.String },
            };
        }
    }

    /// <summary>The body <see cref="UploadForm"/> reads: one part per file (any part with a file name), patientRef and language.</summary>
    private static OpenApiRequestBody UploadBody() => new()
    {
        Required = true,
        Description = "One part per file (PDF or text), each with a file name; optional patientRef and language.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "files" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["files"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Array,
                            Description = "The dossier's files: PDF (text layer or scans) or plain text; each part needs a file name.",
                            MinItems = 1,
                            Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                        [UploadForm.PatientRefField] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Description = "The patient's reference in the hospital's systems, kept with the dossier and exported in FHIR.",
                        },
                        [UploadForm.LanguageField] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Description = "The dossier's language; detected when absent.",
                            Enum = [JsonValue.Create("fr"), JsonValue.Create("en")],
                        },
                    },
                },
            },
        },
    };

    /// <summary>The form: dossierId, formVersion, state, validated and each field as in the contract plus review and final.</summary>
    private static async Task DescribeFormAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        var field = await context.GetOrCreateSchemaAsync(typeof(FieldResult), null, cancellationToken).ConfigureAwait(false);
        var review = await context.GetOrCreateSchemaAsync(typeof(ReviewInfo), null, cancellationToken).ConfigureAwait(false);
        var final = await context.GetOrCreateSchemaAsync(typeof(FinalValue), null, cancellationToken).ConfigureAwait(false);
        var validation = await context.GetOrCreateSchemaAsync(typeof(ValidationView), null, cancellationToken).ConfigureAwait(false);
        var reviewedField = new OpenApiSchema
        {
            Description = "A field as in the output contract, with its review (null when not reviewed) and its final value.",
            AllOf =
            [
                field,
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "review", "final" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["review"] = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, review] },
                        ["final"] = final,
                    },
                },
            ],
        };
        document.AddComponent("ReviewedField", (IOpenApiSchema)reviewedField);
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "dossierId", "formVersion", "state", "validated", "fields" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["dossierId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["formVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The form's version, also its ETag." },
                ["state"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create("machine"), JsonValue.Create("in_review"), JsonValue.Create("validated")],
                },
                ["validated"] = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, validation] },
                ["fields"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The fields by key.",
                    AdditionalProperties = new OpenApiSchemaReference("ReviewedField", document),
                },
            },
        };
        document.AddComponent("ReviewedForm", (IOpenApiSchema)form);
        operation.Responses!["200"] = new OpenApiResponse
        {
            Description = "The form; the ETag header is its version.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference("ReviewedForm", document) } },
        };
    }

    /// <summary>The outline of the exported Bundle; FHIR R4 defines the rest.</summary>
    private static OpenApiSchema FhirBundle() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A FHIR R4 Bundle of type document (http://hl7.org/fhir/R4/bundle.html).",
        Required = new HashSet<string> { "resourceType", "type", "entry" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["resourceType"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Bundle")] },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("document")] },
            ["entry"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["fullUrl"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["resource"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A FHIR R4 resource." },
                    },
                },
            },
        },
    };

    /// <summary>ProblemDetails with our members; a JSON node (the audit's before and after) as any object or null.</summary>
    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ProblemDetails))
        {
            schema.Description = "An RFC 9457 problem; \"code\" is stable and says what went wrong.";
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties[ApiProblems.CodeMember] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The stable error code.",
                Enum = [.. ApiErrorCodes.All.Select(c => (JsonNode)JsonValue.Create(c))],
            };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The trace id the service's logs know the request by." };
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Every validation failure (invalid requests only).",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["field"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            };
            schema.Required = new HashSet<string> { ApiProblems.CodeMember };
        }
        else if (type == typeof(JsonNode) || type == typeof(JsonObject))
        {
            // Nullability is the property's: the generator wraps a nullable one in oneOf [null, this].
            schema.Type = JsonSchemaType.Object;
            schema.AdditionalProperties = null;
            schema.Properties = null;
        }

        return Task.CompletedTask;
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
