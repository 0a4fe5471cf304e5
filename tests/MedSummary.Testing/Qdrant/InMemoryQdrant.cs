using System.Globalization;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace MedSummary.Testing.Qdrant;

/// <summary>
/// Qdrant's semantics for the calls MedSummary makes, over collections in memory: named dense vectors (cosine
/// vectors normalised on write, as Qdrant does), sparse vectors scored by dot product (with the IDF modifier,
/// Qdrant's formula, over the whole collection; only points sharing a dimension are found), filters (must, should,
/// must_not; keyword, keywords, integer matches; nested filters; has_id), keyword payload indexes (facets need
/// one, as in Qdrant), scrolling by point id, counting, deleting by filter and collection metadata. Errors use
/// Qdrant's gRPC statuses: NotFound for a missing collection, InvalidArgument for a wrong input.
/// </summary>
public sealed class InMemoryQdrant
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);

    /// <summary>The point count of a collection, or null when it does not exist.</summary>
    public int? PointCount(string collection)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var c) ? c.Points.Count : null;
        }
    }

    /// <summary>A stored point's payload, or null.</summary>
    public IReadOnlyDictionary<string, Value>? Payload(string collection, string uuid)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var c) && c.Points.TryGetValue(uuid, out var p) ? new Dictionary<string, Value>(p.Payload) : null;
        }
    }

    /// <summary>Removes a collection behind the client's back (as another operator would).</summary>
    public bool Drop(string collection)
    {
        lock (_gate)
        {
            return _collections.Remove(collection);
        }
    }

    internal HealthCheckReply Health(string version) => new() { Title = "qdrant - vector search engine", Version = version };

    internal GetCollectionInfoResponse GetCollection(GetCollectionInfoRequest request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            var info = new CollectionInfo
            {
                Status = CollectionStatus.Green,
                OptimizerStatus = new OptimizerStatus { Ok = true },
                PointsCount = (ulong)collection.Points.Count,
                SegmentsCount = 1,
                Config = new CollectionConfig
                {
                    Params = new CollectionParams
                    {
                        ShardNumber = 1,
                        VectorsConfig = collection.Definition.VectorsConfig,
                        SparseVectorsConfig = collection.Definition.SparseVectorsConfig,
                    },
                    Metadata = { collection.Definition.Metadata },
                },
            };
            foreach (var (field, index) in collection.Indexes)
            {
                info.PayloadSchema[field] = new PayloadSchemaInfo
                {
                    DataType = index.DataType,
                    Params = index.Params,
                    Points = (ulong)collection.Points.Values.Count(p => p.Payload.ContainsKey(field)),
                };
            }

            return new GetCollectionInfoResponse { Result = info };
        }
    }

    internal CollectionOperationResponse CreateCollection(CreateCollection request)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(request.CollectionName) || request.CollectionName.Length > 255 || request.CollectionName.IndexOfAny(['/', '\0']) >= 0)
            {
                throw Invalid($"Validation error in body: collection_name: bad name `{request.CollectionName}`");
            }

            if (_collections.ContainsKey(request.CollectionName))
            {
                throw Invalid($"Wrong input: Collection `{request.CollectionName}` already exists!");
            }

            var dense = DenseParams(request.VectorsConfig);
            if (dense.Values.Any(p => p.Size == 0))
            {
                throw Invalid("Validation error in body: vectors_config: size must be at least 1");
            }

            _collections[request.CollectionName] = new Collection(request.Clone(), dense);
            return new CollectionOperationResponse { Result = true };
        }
    }

    internal CollectionOperationResponse DeleteCollection(DeleteCollection request)
    {
        lock (_gate)
        {
            return new CollectionOperationResponse { Result = _collections.Remove(request.CollectionName) };
        }
    }

    internal CollectionExistsResponse CollectionExists(CollectionExistsRequest request)
    {
        lock (_gate)
        {
            return new CollectionExistsResponse { Result = new CollectionExists { Exists = _collections.ContainsKey(request.CollectionName) } };
        }
    }

    internal PointsOperationResponse CreateFieldIndex(CreateFieldIndexCollection request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            if (!request.HasFieldType)
            {
                throw Invalid("Wrong input: field_type is required");
            }

            collection.Indexes[request.FieldName] = new FieldIndex(ToSchemaType(request.FieldType), request.FieldIndexParams?.Clone());
            return Completed();
        }
    }

    internal PointsOperationResponse Upsert(UpsertPoints request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            // Qdrant checks the whole batch before writing any of it.
            var points = request.Points.Select(p => collection.ToStored(p)).ToList();
            foreach (var point in points)
            {
                collection.Points[point.Key] = point;
            }

            return Completed();
        }
    }

    internal PointsOperationResponse Delete(DeletePoints request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            var selector = request.Points ?? throw Invalid("Wrong input: points selector is required");
            List<string> doomed = selector.PointsSelectorOneOfCase switch
            {
                PointsSelector.PointsSelectorOneOfOneofCase.Filter => collection.Points.Values.Where(p => Matches(selector.Filter, p)).Select(p => p.Key).ToList(),
                PointsSelector.PointsSelectorOneOfOneofCase.Points => selector.Points.Ids.Select(KeyOf).ToList(),
                _ => throw Invalid("Wrong input: empty points selector"),
            };
            foreach (var key in doomed)
            {
                collection.Points.Remove(key);
            }

            return Completed();
        }
    }

    internal CountResponse Count(CountPoints request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            var count = collection.Points.Values.Count(p => Matches(request.Filter, p));
            return new CountResponse { Result = new CountResult { Count = (ulong)count } };
        }
    }

    internal ScrollResponse Scroll(ScrollPoints request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            var limit = request.HasLimit ? (int)request.Limit : 10;
            var from = request.Offset is null ? null : KeyOf(request.Offset);
            var page = collection.Points.Values
                .Where(p => from is null || string.CompareOrdinal(p.Key, from) >= 0)
                .Where(p => Matches(request.Filter, p))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Take(limit + 1)
                .ToList();
            var response = new ScrollResponse();
            foreach (var point in page.Take(limit))
            {
                var retrieved = new RetrievedPoint { Id = point.Id.Clone() };
                retrieved.Payload.Add(Select(point.Payload, request.WithPayload, byDefault: true));
                response.Result.Add(retrieved);
            }

            if (page.Count > limit)
            {
                response.NextPageOffset = page[limit].Id.Clone();
            }

            return response;
        }
    }

    internal QueryResponse Query(QueryPoints request)
    {
        lock (_gate)
        {
            var response = new QueryResponse();
            response.Result.Add(Run(Find(request.CollectionName), request));
            return response;
        }
    }

    internal QueryBatchResponse QueryBatch(QueryBatchPoints request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            var response = new QueryBatchResponse();
            foreach (var query in request.QueryPoints)
            {
                var result = new BatchResult();
                result.Result.Add(Run(collection, query));
                response.Result.Add(result);
            }

            return response;
        }
    }

    internal FacetResponse Facet(FacetCounts request)
    {
        lock (_gate)
        {
            var collection = Find(request.CollectionName);
            if (!collection.Indexes.TryGetValue(request.Key, out var index) || index.DataType != PayloadSchemaType.Keyword)
            {
                throw Invalid($"Bad request: Index required but not found for \"{request.Key}\" of one of the following types: [keyword]");
            }

            var limit = request.HasLimit ? (int)request.Limit : 10;
            var counts = collection.Points.Values
                .Where(p => Matches(request.Filter, p))
                .SelectMany(p => ValuesOf(p.Payload, request.Key).Where(v => v.KindCase == Value.KindOneofCase.StringValue).Select(v => v.StringValue).Distinct())
                .GroupBy(v => v, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(limit);
            var response = new FacetResponse();
            response.Hits.AddRange(counts.Select(g => new FacetHit { Value = new FacetValue { StringValue = g.Key }, Count = (ulong)g.Count() }));
            return response;
        }
    }

    private IEnumerable<ScoredPoint> Run(Collection collection, QueryPoints request)
    {
        if (request.Prefetch.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "prefetch is not served by the test server"));
        }

        if (request.Query?.VariantCase != global::Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "only nearest queries are served by the test server"));
        }

        var input = request.Query.Nearest;
        var name = request.HasUsing ? request.Using : string.Empty;
        IEnumerable<(StoredPoint Point, double Score)> scored;
        switch (input.VariantCase)
        {
            case VectorInput.VariantOneofCase.Dense:
            {
                if (!collection.Dense.TryGetValue(name, out var parameters))
                {
                    throw Invalid($"Wrong input: Not existing vector name error: {name}");
                }

                if ((ulong)input.Dense.Data.Count != parameters.Size)
                {
                    throw Invalid($"Wrong input: Vector dimension error: expected dim: {parameters.Size}, got {input.Dense.Data.Count}");
                }

                var query = parameters.Distance == Distance.Cosine ? Normalise(input.Dense.Data) : [.. input.Dense.Data];
                scored = collection.Points.Values
                    .Where(p => p.Dense.ContainsKey(name))
                    .Select(p => (p, Dot(query, p.Dense[name])));
                break;
            }

            case VectorInput.VariantOneofCase.Sparse:
            {
                if (collection.Definition.SparseVectorsConfig?.Map.TryGetValue(name, out var sparseParams) != true)
                {
                    throw Invalid($"Wrong input: Not existing vector name error: {name}");
                }

                var weights = SparseWeights(input.Sparse);
                if (sparseParams!.Modifier == Modifier.Idf)
                {
                    var total = collection.Points.Values.Count(p => p.Sparse.ContainsKey(name));
                    foreach (var index in weights.Keys.ToList())
                    {
                        var having = collection.Points.Values.Count(p => p.Sparse.TryGetValue(name, out var s) && s.ContainsKey(index));
                        weights[index] *= Math.Log(((total - having + 0.5) / (having + 0.5)) + 1);
                    }
                }

                // A sparse search walks the query's posting lists: a point sharing no dimension is never a candidate.
                scored = collection.Points.Values
                    .Where(p => p.Sparse.TryGetValue(name, out var s) && weights.Keys.Any(s.ContainsKey))
                    .Select(p => (p, weights.Sum(w => p.Sparse[name].TryGetValue(w.Key, out var x) ? w.Value * x : 0)));
                break;
            }

            default:
                throw new RpcException(new Status(StatusCode.Unimplemented, $"query input {input.VariantCase} is not served by the test server"));
        }

        var limit = request.HasLimit ? (int)request.Limit : 10;
        var offset = request.HasOffset ? (int)request.Offset : 0;
        return scored
            .Where(s => Matches(request.Filter, s.Point))
            .Where(s => !request.HasScoreThreshold || s.Score >= request.ScoreThreshold)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Point.Key, StringComparer.Ordinal)
            .Skip(offset)
            .Take(limit)
            .Select(s =>
            {
                var hit = new ScoredPoint { Id = s.Point.Id.Clone(), Score = (float)s.Score, Version = 1 };
                hit.Payload.Add(Select(s.Point.Payload, request.WithPayload, byDefault: false));
                return hit;
            })
            .ToList();
    }

    private static Dictionary<string, Value> Select(Dictionary<string, Value> payload, WithPayloadSelector? selector, bool byDefault)
    {
        var result = new Dictionary<string, Value>(StringComparer.Ordinal);
        IEnumerable<string> keys = selector?.SelectorOptionsCase switch
        {
            WithPayloadSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? payload.Keys : [],
            WithPayloadSelector.SelectorOptionsOneofCase.Include => selector.Include.Fields.Where(payload.ContainsKey),
            WithPayloadSelector.SelectorOptionsOneofCase.Exclude => payload.Keys.Except(selector.Exclude.Fields),
            _ => byDefault ? payload.Keys : [],
        };
        foreach (var key in keys)
        {
            result[key] = payload[key].Clone();
        }

        return result;
    }

    /// <summary>A point matches a filter when all "must", at least one "should" (if any) and no "must_not" conditions hold.</summary>
    private static bool Matches(Filter? filter, StoredPoint point) =>
        filter is null
        || (filter.Must.All(c => Holds(c, point))
            && (filter.Should.Count == 0 || filter.Should.Any(c => Holds(c, point)))
            && !filter.MustNot.Any(c => Holds(c, point)));

    private static bool Holds(Condition condition, StoredPoint point) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Field => Holds(condition.Field, point.Payload),
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, point),
        Condition.ConditionOneOfOneofCase.HasId => condition.HasId.HasId.Any(id => KeyOf(id) == point.Key),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"condition {condition.ConditionOneOfCase} is not served by the test server")),
    };

    private static bool Holds(FieldCondition field, Dictionary<string, Value> payload)
    {
        var values = ValuesOf(payload, field.Key).ToList();
        var match = field.Match ?? throw new RpcException(new Status(StatusCode.Unimplemented, "only match conditions are served by the test server"));
        return match.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue == match.Keyword),
            Match.MatchValueOneofCase.Keywords => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(v.StringValue)),
            Match.MatchValueOneofCase.ExceptKeywords => !values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.ExceptKeywords.Strings.Contains(v.StringValue)),
            Match.MatchValueOneofCase.Integer => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == match.Integer),
            Match.MatchValueOneofCase.Boolean => values.Any(v => v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue == match.Boolean),
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"match {match.MatchValueCase} is not served by the test server")),
        };
    }

    /// <summary>A payload field's values: a list field matches when any of its elements does, as in Qdrant.</summary>
    private static IEnumerable<Value> ValuesOf(Dictionary<string, Value> payload, string key)
    {
        if (!payload.TryGetValue(key, out var value))
        {
            return [];
        }

        return value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values : [value];
    }

    private static Dictionary<string, VectorParams> DenseParams(VectorsConfig? config) => config?.ConfigCase switch
    {
        VectorsConfig.ConfigOneofCase.Params => new(StringComparer.Ordinal) { [string.Empty] = config.Params },
        VectorsConfig.ConfigOneofCase.ParamsMap => new(config.ParamsMap.Map, StringComparer.Ordinal),
        _ => new(StringComparer.Ordinal),
    };

    private static Dictionary<uint, double> SparseWeights(global::Qdrant.Client.Grpc.SparseVector vector)
    {
        if (vector.Indices.Count != vector.Values.Count)
        {
            throw Invalid("Wrong input: Sparse vector indices and values must have the same length");
        }

        if (vector.Indices.Distinct().Count() != vector.Indices.Count)
        {
            throw Invalid("Wrong input: Sparse vector indices must be unique");
        }

        return vector.Indices.Zip(vector.Values).ToDictionary(p => p.First, p => (double)p.Second);
    }

    private static float[] Normalise(IEnumerable<float> vector)
    {
        var values = vector.ToArray();
        var norm = Math.Sqrt(values.Sum(v => (double)v * v));
        return norm == 0 ? values : values.Select(v => (float)(v / norm)).ToArray();
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    private static string KeyOf(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => id.Num.ToString("D20", CultureInfo.InvariantCulture),
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var uuid) => uuid.ToString("D"),
        _ => throw Invalid($"Unable to parse UUID: {id.Uuid}"),
    };

    private static PayloadSchemaType ToSchemaType(FieldType type) => type switch
    {
        FieldType.Keyword => PayloadSchemaType.Keyword,
        FieldType.Integer => PayloadSchemaType.Integer,
        FieldType.Float => PayloadSchemaType.Float,
        FieldType.Bool => PayloadSchemaType.Bool,
        FieldType.Text => PayloadSchemaType.Text,
        FieldType.Uuid => PayloadSchemaType.Uuid,
        _ => throw Invalid($"Wrong input: field type {type} is not served by the test server"),
    };

    private Collection Find(string name) =>
        _collections.TryGetValue(name, out var collection)
            ? collection
            : throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!"));

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static PointsOperationResponse Completed() => new() { Result = new UpdateResult { Status = UpdateStatus.Completed } };

    private sealed record FieldIndex(PayloadSchemaType DataType, PayloadIndexParams? Params);

    private sealed record StoredPoint(
        string Key, PointId Id, Dictionary<string, float[]> Dense, Dictionary<string, Dictionary<uint, float>> Sparse, Dictionary<string, Value> Payload);

    private sealed class Collection(CreateCollection definition, Dictionary<string, VectorParams> dense)
    {
        public CreateCollection Definition { get; } = definition;

        public Dictionary<string, VectorParams> Dense { get; } = dense;

        public Dictionary<string, FieldIndex> Indexes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, StoredPoint> Points { get; } = new(StringComparer.Ordinal);

        public StoredPoint ToStored(PointStruct point)
        {
            var key = KeyOf(point.Id ?? throw Invalid("Wrong input: point id is required"));
            var dense = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var sparse = new Dictionary<string, Dictionary<uint, float>>(StringComparer.Ordinal);
            var vectors = new Dictionary<string, Vector>(StringComparer.Ordinal);
            if (point.Vectors?.VectorsOptionsCase == Vectors.VectorsOptionsOneofCase.Vector)
            {
                vectors[string.Empty] = point.Vectors.Vector;
            }
            else if (point.Vectors?.VectorsOptionsCase == Vectors.VectorsOptionsOneofCase.Vectors_)
            {
                foreach (var (name, vector) in point.Vectors.Vectors_.Vectors)
                {
                    vectors[name] = vector;
                }
            }

            foreach (var (name, vector) in vectors)
            {
                switch (vector.VectorCase)
                {
                    case Vector.VectorOneofCase.Sparse:
                        if (Definition.SparseVectorsConfig?.Map.ContainsKey(name) != true)
                        {
                            throw Invalid($"Wrong input: Not existing vector name error: {name}");
                        }

                        sparse[name] = SparseWeights(vector.Sparse).ToDictionary(p => p.Key, p => (float)p.Value);
                        break;
                    case Vector.VectorOneofCase.Dense:
                        if (!Dense.TryGetValue(name, out var parameters))
                        {
                            throw Invalid($"Wrong input: Not existing vector name error: {name}");
                        }

                        if ((ulong)vector.Dense.Data.Count != parameters.Size)
                        {
                            throw Invalid($"Wrong input: Vector dimension error: expected dim: {parameters.Size}, got {vector.Dense.Data.Count}");
                        }

                        dense[name] = parameters.Distance == Distance.Cosine ? Normalise(vector.Dense.Data) : [.. vector.Dense.Data];
                        break;
                    default:
                        // The deprecated data/indices fields are not what Qdrant.Client 1.20 writes.
                        throw new RpcException(new Status(StatusCode.Unimplemented, $"vector {vector.VectorCase} is not served by the test server"));
                }
            }

            if (Dense.Keys.Any(n => !dense.ContainsKey(n)))
            {
                throw Invalid($"Wrong input: Missing dense vector for point {key}");
            }

            var payload = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var (field, value) in point.Payload)
            {
                payload[field] = value.Clone();
            }

            return new StoredPoint(key, point.Id.Clone(), dense, sparse, payload);
        }
    }
}
