using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedSummary.Api.Errors;

/// <summary>Builds the ProblemDetails every error answers with: status, title and the stable "code" member.</summary>
public static class ApiProblems
{
    public const string CodeMember = "code";

    public static ProblemHttpResult Create(string code, string detail, IDictionary<string, object?>? extensions = null, int? status = null)
    {
        var problem = Details(code, detail, status);
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemDetails Details(string code, string detail, int? status = null) => new()
    {
        Status = status ?? ApiErrorCodes.StatusOf(code),
        Title = ApiErrorCodes.TitleOf(code),
        Detail = detail,
        Extensions = { [CodeMember] = code },
    };

    public static ProblemHttpResult DossierNotFound(string id) =>
        Create(ApiErrorCodes.DossierNotFound, $"No dossier '{Shorten(id)}' belongs to this tenant.");

    /// <summary>Ids come from the URL: keep what is echoed short.</summary>
    public static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}

/// <summary>Thrown where a handler cannot return a result itself (binding); turned into its ProblemDetails by the exception handler.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public ApiProblemException()
        : this(ApiErrorCodes.InvalidRequest, "The request is not valid.")
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ApiErrorCodes.InvalidRequest;
    }

    public string Code { get; }
}
