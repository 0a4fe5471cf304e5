using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedSummary.Qdrant.Tests.Fakes;

/// <summary>
/// An in-memory Qdrant speaking the REST API as Qdrant's documentation describes it, for the parts MedSummary
/// uses: collections with named dense vectors (Cosine: stored normalised, as Qdrant does) and sparse vectors
/// (with the "idf" modifier: query weights times ln(1 + (N − df + 0.5)/(df + 0.5))), keyword payload indexes,
/// upsert, filter with must/match value/any, count, scroll with offsets, delete by filter, the Query API
/// (nearest by vector or sparse vector, and batches), facet, collection metadata, the api-key header, and
/// Qdrant's response and error envelopes. It is strict where Qdrant is documented to be (vector sizes, unique
/// sparse indices, known collection) and refuses request fields it does not know, so a typo in the client shows.
/// </summary>
public sealed class FakeQdrantServer : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly string? _apiKey;
    private long _operationId;

    public FakeQdrantServer(string? apiKey = null, string version = "1.16.3")
    {
        _apiKey = apiKey;
        Version = version;
    }

    public string Version { get; }

    public int RequestCount { get; private set; }

    public IReadOnlyCollection<string> CollectionNames
    {
        get
        {
            lock (_gate)
            {
                return _collections.Keys.ToList();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_gate)
        {
            RequestCount++;
            try
            {
                return Route(request, body);
            }
            catch (BadRequest e)
            {
                return Error(HttpStatusCode.BadRequest, "Wrong input: " + e.Message);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or NullReferenceException)
            {
                return Error(HttpStatusCode.BadRequest, "Json deserialize error: " + e.GetType().Name);
            }
        }
    }

    private HttpResponseMessage Route(HttpRequestMessage request, string? body)
    {
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var method = request.Method.Method;
        if (path.Length == 0 && method == "GET")
        {
            return Json(HttpStatusCode.OK, new JsonObject { ["title"] = "qdrant - vector search engine", ["version"] = Version, ["commit"] = "fake" });
        }

        if (path is "/healthz" or "/readyz" or "/livez")
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("healthz check passed", Encoding.UTF8, "text/plain") };
        }

        if (_apiKey is not null && request.Headers.TryGetValues("api-key", out var keys) ? keys.Single() != _apiKey : _apiKey is not null)
        {
            return Error(HttpStatusCode.Unauthorized, "Must provide an API key or an Authorization bearer token");
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (parts.Length < 2 || parts[0] != "collections")
        {
            return Error(HttpStatusCode.NotFound, "Not found");
        }

        var name = parts[1];
        var rest = string.Join('/', parts.Skip(2));
        var json = body is null ? null : JsonNode.Parse(body)?.AsObject();
        if (rest.Length == 0)
        {
            return method switch
            {
                "GET" => WithCollection(name, c => Ok(c.Info())),
                "PUT" => Create(name, json ?? throw new BadRequest("missing body")),
                "DELETE" => Ok(_collections.Remove(name)),
                _ => Error(HttpStatusCode.MethodNotAllowed, "method not allowed"),
            };
        }

        if (rest == "exists" && method == "GET")
        {
            return Ok(new JsonObject { ["exists"] = _collections.ContainsKey(name) });
        }

        return WithCollection(name, c => (method, rest) switch
        {
            ("PUT", "index") => Update(c.CreateIndex(Require(json))),
            ("PUT", "points") => Update(c.Upsert(Require(json))),
            ("POST", "points/delete") => Update(c.Delete(Require(json))),
            ("POST", "points/count") => Ok(c.Count(Require(json))),
            ("POST", "points/scroll") => Ok(c.Scroll(Require(json))),
            ("POST", "points/query") => Ok(c.Query(Require(json))),
            ("POST", "points/query/batch") => Ok(c.QueryBatch(Require(json))),
            ("POST", "facet") => Ok(c.Facet(Require(json))),
            _ => Error(HttpStatusCode.NotFound, $"Not found: {method} {rest}"),
        });
    }

    private static JsonObject Require(JsonObject? json) => json ?? throw new BadRequest("missing body");

    private HttpResponseMessage WithCollection(string name, Func<Collection, HttpResponseMessage> action) =>
        _collections.TryGetValue(name, out var collection)
            ? action(collection)
            : Error(HttpStatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!");

    private HttpResponseMessage Create(string name, JsonObject body)
    {
        Known(body, "vectors", "sparse_vectors", "metadata");
        if (_collections.ContainsKey(name))
        {
            return Error(HttpStatusCode.Conflict, $"Wrong input: Collection `{name}` already exists!");
        }

        var dense = new Dictionary<string, (int Size, string Distance)>(StringComparer.Ordinal);
        foreach (var (vectorName, config) in body["vectors"]!.AsObject())
        {
            var size = config!["size"]!.GetValue<int>();
            var distance = config["distance"]!.GetValue<string>();
            if (size < 1 || distance is not ("Cosine" or "Dot" or "Euclid" or "Manhattan"))
            {
                throw new BadRequest($"bad vector params for {vectorName}");
            }

            dense[vectorName] = (size, distance);
        }

        var sparse = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (body["sparse_vectors"] is JsonObject sparseConfig)
        {
            foreach (var (vectorName, config) in sparseConfig)
            {
                var modifier = config?["modifier"]?.GetValue<string>();
                if (modifier is not (null or "none" or "idf"))
                {
                    throw new BadRequest($"unknown variant `{modifier}`");
                }

                sparse[vectorName] = modifier;
            }
        }

        _collections[name] = new Collection(dense, sparse, body["metadata"]?.DeepClone() as JsonObject);
        return Ok(true);
    }

    private HttpResponseMessage Update(bool _) =>
        Ok(new JsonObject { ["operation_id"] = Interlocked.Increment(ref _operationId), ["status"] = "completed" });

    private static HttpResponseMessage Ok(JsonNode? result) =>
        Json(HttpStatusCode.OK, new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = 0.000123 });

    private static HttpResponseMessage Error(HttpStatusCode status, string error) =>
        Json(status, new JsonObject { ["status"] = new JsonObject { ["error"] = error }, ["time"] = 0.000045 });

    private static HttpResponseMessage Json(HttpStatusCode status, JsonNode body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private static void Known(JsonObject body, params string[] fields)
    {
        foreach (var (key, _) in body)
        {
            if (!fields.Contains(key))
            {
                throw new BadRequest($"unknown field `{key}`, expected one of {string.Join(", ", fields.Select(f => $"`{f}`"))}");
            }
        }
    }

    private sealed class BadRequest(string message) : Exception(message);

    private sealed record Point(string Id, Dictionary<string, float[]> Dense, Dictionary<string, (uint[] Indices, float[] Values)> Sparse, JsonObject Payload);

    private sealed class Collection(
        Dictionary<string, (int Size, string Distance)> dense,
        Dictionary<string, string?> sparse,
        JsonObject? metadata)
    {
        private readonly SortedDictionary<string, Point> _points = new(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonObject> _payloadSchema = new(StringComparer.Ordinal);

        public JsonObject Info()
        {
            var vectors = new JsonObject();
            foreach (var (name, (size, distance)) in dense)
            {
                vectors[name] = new JsonObject { ["size"] = size, ["distance"] = distance };
            }

            var sparseVectors = new JsonObject();
            foreach (var (name, modifier) in sparse)
            {
                sparseVectors[name] = modifier is null ? new JsonObject() : new JsonObject { ["modifier"] = modifier };
            }

            var schema = new JsonObject();
            foreach (var (field, type) in _payloadSchema)
            {
                schema[field] = type.DeepClone();
            }

            var config = new JsonObject
            {
                ["params"] = new JsonObject
                {
                    ["vectors"] = vectors,
                    ["shard_number"] = 1,
                    ["replication_factor"] = 1,
                    ["write_consistency_factor"] = 1,
                    ["on_disk_payload"] = true,
                    ["sparse_vectors"] = sparseVectors,
                },
                ["hnsw_config"] = new JsonObject { ["m"] = 16, ["ef_construct"] = 100, ["full_scan_threshold"] = 10000 },
                ["optimizer_config"] = new JsonObject { ["deleted_threshold"] = 0.2, ["vacuum_min_vector_number"] = 1000 },
                ["wal_config"] = new JsonObject { ["wal_capacity_mb"] = 32, ["wal_segments_ahead"] = 0 },
            };
            if (metadata is not null)
            {
                config["metadata"] = metadata.DeepClone();
            }

            return new JsonObject
            {
                ["status"] = "green",
                ["optimizer_status"] = "ok",
                ["indexed_vectors_count"] = 0,
                ["points_count"] = _points.Count,
                ["segments_count"] = 1,
                ["config"] = config,
                ["payload_schema"] = schema,
            };
        }

        public bool CreateIndex(JsonObject body)
        {
            Known(body, "field_name", "field_schema");
            var field = body["field_name"]!.GetValue<string>();
            var schema = body["field_schema"] switch
            {
                JsonValue value => new JsonObject { ["data_type"] = value.GetValue<string>(), ["points"] = _points.Count },
                JsonObject parameters => new JsonObject { ["data_type"] = parameters["type"]!.GetValue<string>(), ["params"] = parameters.DeepClone(), ["points"] = _points.Count },
                _ => throw new BadRequest("field_schema is required"),
            };
            if (schema["data_type"]!.GetValue<string>() is not ("keyword" or "integer" or "float" or "bool" or "text" or "uuid" or "datetime" or "geo"))
            {
                throw new BadRequest("unknown payload schema type");
            }

            _payloadSchema[field] = schema;
            return true;
        }

        public bool Upsert(JsonObject body)
        {
            Known(body, "points");
            var parsed = new List<Point>();
            foreach (var node in body["points"]!.AsArray())
            {
                var point = node!.AsObject();
                Known(point, "id", "vector", "payload");
                var id = ParseId(point["id"]!);
                var vectors = point["vector"]!.AsObject();
                var denseVectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
                var sparseVectors = new Dictionary<string, (uint[], float[])>(StringComparer.Ordinal);
                foreach (var (name, value) in vectors)
                {
                    if (dense.TryGetValue(name, out var config))
                    {
                        var vector = value!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
                        if (vector.Length != config.Size)
                        {
                            throw new BadRequest($"Vector dimension error: expected dim: {config.Size}, got {vector.Length}");
                        }

                        denseVectors[name] = config.Distance == "Cosine" ? Normalize(vector) : vector;
                    }
                    else if (sparse.ContainsKey(name))
                    {
                        sparseVectors[name] = ParseSparse(value!.AsObject());
                    }
                    else
                    {
                        throw new BadRequest($"Not existing vector name error: {name}");
                    }
                }

                parsed.Add(new Point(id, denseVectors, sparseVectors, point["payload"]?.DeepClone() as JsonObject ?? []));
            }

            // A request is applied whole: nothing above was stored if any point was refused.
            foreach (var point in parsed)
            {
                _points[point.Id] = point;
            }

            return true;
        }

        public bool Delete(JsonObject body)
        {
            Known(body, "filter", "points");
            if (body["filter"] is JsonObject filter)
            {
                foreach (var id in _points.Values.Where(p => Matches(p, filter)).Select(p => p.Id).ToList())
                {
                    _points.Remove(id);
                }
            }
            else
            {
                foreach (var id in body["points"]!.AsArray())
                {
                    _points.Remove(ParseId(id!));
                }
            }

            return true;
        }

        public JsonObject Count(JsonObject body)
        {
            Known(body, "filter", "exact");
            return new JsonObject { ["count"] = Filtered(body["filter"] as JsonObject).Count() };
        }

        public JsonObject Scroll(JsonObject body)
        {
            Known(body, "filter", "limit", "offset", "with_payload", "with_vector");
            var limit = body["limit"]?.GetValue<int>() ?? 10;
            var offset = body["offset"] is { } o ? ParseId(o) : null;
            var matching = Filtered(body["filter"] as JsonObject)
                .Where(p => offset is null || string.CompareOrdinal(p.Id, offset) >= 0)
                .Take(limit + 1)
                .ToList();
            var page = new JsonArray();
            foreach (var point in matching.Take(limit))
            {
                page.Add(Record(point, body["with_payload"] ?? true, body["with_vector"]));
            }

            return new JsonObject { ["points"] = page, ["next_page_offset"] = matching.Count > limit ? matching[limit].Id : null };
        }

        public JsonArray QueryBatch(JsonObject body)
        {
            Known(body, "searches");
            var results = new JsonArray();
            foreach (var search in body["searches"]!.AsArray())
            {
                results.Add(Query(search!.AsObject()));
            }

            return results;
        }

        public JsonObject Query(JsonObject body)
        {
            Known(body, "query", "using", "filter", "limit", "with_payload", "with_vector", "score_threshold", "offset");
            var limit = body["limit"]?.GetValue<int>() ?? 10;
            var vectorName = body["using"]?.GetValue<string>() ?? string.Empty;
            var candidates = Filtered(body["filter"] as JsonObject).ToList();
            List<(Point Point, double Score)> scored;
            switch (body["query"])
            {
                case JsonArray denseQuery when dense.TryGetValue(vectorName, out var config):
                {
                    var query = denseQuery.Select(v => v!.GetValue<float>()).ToArray();
                    if (query.Length != config.Size)
                    {
                        throw new BadRequest($"Vector dimension error: expected dim: {config.Size}, got {query.Length}");
                    }

                    var normalized = config.Distance == "Cosine" ? Normalize(query) : query;
                    scored = candidates.Where(p => p.Dense.ContainsKey(vectorName))
                        .Select(p => (p, (double)Dot(normalized, p.Dense[vectorName])))
                        .ToList();
                    break;
                }

                case JsonObject sparseQuery when sparse.TryGetValue(vectorName, out var modifier):
                {
                    var (indices, values) = ParseSparse(sparseQuery);
                    var weights = values.ToArray();
                    if (modifier == "idf")
                    {
                        // Statistics of the whole collection, as documented: N points with this vector, df per index.
                        var withVector = _points.Values.Where(p => p.Sparse.ContainsKey(vectorName)).ToList();
                        double n = withVector.Count;
                        for (var i = 0; i < indices.Length; i++)
                        {
                            double df = withVector.Count(p => p.Sparse[vectorName].Indices.Contains(indices[i]));
                            weights[i] = (float)(weights[i] * Math.Log(((n - df + 0.5) / (df + 0.5)) + 1));
                        }
                    }

                    scored = [];
                    foreach (var point in candidates.Where(p => p.Sparse.ContainsKey(vectorName)))
                    {
                        var (docIndices, docValues) = point.Sparse[vectorName];
                        var overlap = false;
                        double score = 0;
                        for (var i = 0; i < indices.Length; i++)
                        {
                            var at = Array.IndexOf(docIndices, indices[i]);
                            if (at >= 0)
                            {
                                overlap = true;
                                score += weights[i] * docValues[at];
                            }
                        }

                        // Sparse search only reaches points sharing an index with the query.
                        if (overlap)
                        {
                            scored.Add((point, score));
                        }
                    }

                    break;
                }

                default:
                    throw new BadRequest($"Not existing vector name error: {vectorName}");
            }

            var points = new JsonArray();
            foreach (var (point, score) in scored.OrderByDescending(s => (float)s.Score).ThenBy(s => s.Point.Id, StringComparer.Ordinal).Take(limit))
            {
                var record = Record(point, body["with_payload"] ?? false, body["with_vector"]);
                record["version"] = 1;
                record["score"] = (float)score;
                points.Add(record);
            }

            return new JsonObject { ["points"] = points };
        }

        public JsonObject Facet(JsonObject body)
        {
            Known(body, "key", "limit", "filter", "exact");
            var key = body["key"]!.GetValue<string>();
            if (!_payloadSchema.TryGetValue(key, out var schema) || schema["data_type"]!.GetValue<string>() != "keyword")
            {
                throw new BadRequest($"Index required but not found for \"{key}\" of one of the following types: [keyword]");
            }

            var limit = body["limit"]?.GetValue<int>() ?? 10;
            var hits = new JsonArray();
            foreach (var group in Filtered(body["filter"] as JsonObject)
                         .Where(p => p.Payload[key] is JsonValue)
                         .GroupBy(p => p.Payload[key]!.GetValue<string>(), StringComparer.Ordinal)
                         .OrderByDescending(g => g.Count())
                         .ThenBy(g => g.Key, StringComparer.Ordinal)
                         .Take(limit))
            {
                hits.Add(new JsonObject { ["value"] = group.Key, ["count"] = group.Count() });
            }

            return new JsonObject { ["hits"] = hits };
        }

        private IEnumerable<Point> Filtered(JsonObject? filter) => filter is null ? _points.Values : _points.Values.Where(p => Matches(p, filter));

        private static bool Matches(Point point, JsonObject filter)
        {
            foreach (var (clause, conditions) in filter)
            {
                var list = conditions switch
                {
                    JsonArray array => array.Select(c => c!.AsObject()).ToList(),
                    JsonObject single => [single],
                    _ => throw new BadRequest($"bad filter clause {clause}"),
                };
                var results = list.Select(c => Condition(point, c)).ToList();
                var ok = clause switch
                {
                    "must" => results.All(r => r),
                    "should" => results.Count == 0 || results.Any(r => r),
                    "must_not" => !results.Any(r => r),
                    _ => throw new BadRequest($"unknown field `{clause}`"),
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Condition(Point point, JsonObject condition)
        {
            Known(condition, "key", "match");
            var key = condition["key"]!.GetValue<string>();
            var match = condition["match"]!.AsObject();
            var value = point.Payload[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (match["value"] is JsonValue expected)
            {
                return value is not null && value == expected.GetValue<string>();
            }

            if (match["any"] is JsonArray any)
            {
                return value is not null && any.Any(a => a!.GetValue<string>() == value);
            }

            throw new BadRequest("unsupported match");
        }

        private static JsonObject Record(Point point, JsonNode? withPayload, JsonNode? withVector)
        {
            var record = new JsonObject { ["id"] = point.Id };
            JsonObject? payload = withPayload switch
            {
                JsonValue flag when flag.GetValue<bool>() => point.Payload.DeepClone().AsObject(),
                JsonArray fields => Select(point.Payload, fields.Select(f => f!.GetValue<string>()).ToHashSet(), include: true),
                JsonObject selector when selector["include"] is JsonArray include => Select(point.Payload, include.Select(f => f!.GetValue<string>()).ToHashSet(), include: true),
                JsonObject selector when selector["exclude"] is JsonArray exclude => Select(point.Payload, exclude.Select(f => f!.GetValue<string>()).ToHashSet(), include: false),
                _ => null,
            };
            record["payload"] = payload;
            if (withVector is JsonValue vectorFlag && vectorFlag.GetValue<bool>())
            {
                var vectors = new JsonObject();
                foreach (var (name, vector) in point.Dense)
                {
                    vectors[name] = new JsonArray(vector.Select(x => (JsonNode)x).ToArray());
                }

                record["vector"] = vectors;
            }

            return record;
        }

        private static JsonObject Select(JsonObject payload, HashSet<string> fields, bool include)
        {
            var selected = new JsonObject();
            foreach (var (key, value) in payload)
            {
                if (fields.Contains(key) == include)
                {
                    selected[key] = value?.DeepClone();
                }
            }

            return selected;
        }

        private static (uint[] Indices, float[] Values) ParseSparse(JsonObject vector)
        {
            Known(vector, "indices", "values");
            var indices = vector["indices"]!.AsArray().Select(i => i!.GetValue<uint>()).ToArray();
            var values = vector["values"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            if (indices.Length != values.Length || indices.Distinct().Count() != indices.Length)
            {
                throw new BadRequest("Validation error: indices must be unique and as many as values");
            }

            return (indices, values);
        }

        private static string ParseId(JsonNode id)
        {
            if (id is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            {
                return value.GetValue<ulong>().ToString(CultureInfo.InvariantCulture);
            }

            var text = id.GetValue<string>();
            return Guid.TryParse(text, out var guid)
                ? guid.ToString("D")
                : throw new BadRequest($"Unable to parse UUID: {text}");
        }

        private static float[] Normalize(float[] vector)
        {
            var norm = MathF.Sqrt(vector.Sum(x => x * x));
            return norm < float.Epsilon ? vector : vector.Select(x => x / norm).ToArray();
        }

        private static float Dot(float[] a, float[] b)
        {
            var sum = 0f;
            for (var i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }
    }
}
