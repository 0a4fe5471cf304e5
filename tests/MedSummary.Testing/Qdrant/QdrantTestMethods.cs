using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace MedSummary.Testing.Qdrant;

/// <summary>
/// Binds the Qdrant calls the store uses to <see cref="QdrantTestService"/>. Qdrant.Client ships client stubs
/// only, so each method is declared here from its service and method names (as in Qdrant's .proto files) and the
/// messages' own parsers: the bytes on the wire are those a real Qdrant reads and writes.
/// </summary>
internal sealed class QdrantTestMethods : IServiceMethodProvider<QdrantTestService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<QdrantTestService> context)
    {
        Add<HealthCheckRequest, HealthCheckReply>(context, "qdrant.Qdrant", "HealthCheck", (s, r) => s.Data.Health(s.Version));

        Add<GetCollectionInfoRequest, GetCollectionInfoResponse>(context, "qdrant.Collections", "Get", (s, r) => s.Data.GetCollection(r));
        Add<CreateCollection, CollectionOperationResponse>(context, "qdrant.Collections", "Create", (s, r) => s.Data.CreateCollection(r));
        Add<DeleteCollection, CollectionOperationResponse>(context, "qdrant.Collections", "Delete", (s, r) => s.Data.DeleteCollection(r));
        Add<CollectionExistsRequest, CollectionExistsResponse>(context, "qdrant.Collections", "CollectionExists", (s, r) => s.Data.CollectionExists(r));

        Add<UpsertPoints, PointsOperationResponse>(context, "qdrant.Points", "Upsert", (s, r) => s.Data.Upsert(r));
        Add<DeletePoints, PointsOperationResponse>(context, "qdrant.Points", "Delete", (s, r) => s.Data.Delete(r));
        Add<CreateFieldIndexCollection, PointsOperationResponse>(context, "qdrant.Points", "CreateFieldIndex", (s, r) => s.Data.CreateFieldIndex(r));
        Add<CountPoints, CountResponse>(context, "qdrant.Points", "Count", (s, r) => s.Data.Count(r));
        Add<ScrollPoints, ScrollResponse>(context, "qdrant.Points", "Scroll", (s, r) => s.Data.Scroll(r));
        Add<QueryPoints, QueryResponse>(context, "qdrant.Points", "Query", (s, r) => s.Data.Query(r));
        Add<QueryBatchPoints, QueryBatchResponse>(context, "qdrant.Points", "QueryBatch", (s, r) => s.Data.QueryBatch(r));
        Add<FacetCounts, FacetResponse>(context, "qdrant.Points", "Facet", (s, r) => s.Data.Facet(r));
    }

    private static void Add<TRequest, TResponse>(
        ServiceMethodProviderContext<QdrantTestService> context, string service, string name, Func<QdrantTestService, TRequest, TResponse> handle)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var requestParser = new MessageParser<TRequest>(() => new TRequest());
        var responseParser = new MessageParser<TResponse>(() => new TResponse());
        var method = new Method<TRequest, TResponse>(
            MethodType.Unary,
            service,
            name,
            Marshallers.Create(r => r.ToByteArray(), requestParser.ParseFrom),
            Marshallers.Create(r => r.ToByteArray(), responseParser.ParseFrom));
        var shortName = $"{service["qdrant.".Length..]}/{name}";
        context.AddUnaryMethod(method, [], (svc, request, call) => svc.HandleAsync(shortName, request, call, r => handle(svc, r)));
    }
}
