using System.Globalization;
using MedSummary.Api.Configuration;
using MedSummary.Api.Processing;
using MedSummary.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MedSummary.Api.Tests;

/// <summary>Tenants take turns in the processing queue, and one tenant cannot take every place in it.</summary>
public sealed class QueueFairnessTests
{
    [Fact]
    public async Task Tenants_are_served_in_rotation_each_in_its_own_upload_order()
    {
        var queue = Queue(capacity: 10, sharePercent: 100);
        foreach (var (tenant, id) in new[] { ("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1"), ("c", "c1"), ("b", "b2") })
        {
            queue.TryReserve(tenant).ShouldBeTrue();
            queue.Enqueue(new DossierJob(tenant, id, DateTimeOffset.UnixEpoch));
        }

        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            order.Add((await queue.DequeueAsync(CancellationToken.None)).DossierId);
        }

        order.ShouldBe(["a1", "b1", "c1", "a2", "b2", "a3"]);
        queue.Depth.ShouldBe(0);
        queue.Processing.ShouldBe(6);
    }

    [Fact]
    public void One_tenant_holds_at_most_its_share_of_the_places_and_a_tenant_with_nothing_waiting_always_gets_one()
    {
        var queue = Queue(capacity: 4, sharePercent: 50);

        queue.TryReserve("a").ShouldBeTrue();
        queue.TryReserve("a").ShouldBeTrue();
        queue.TryReserve("a").ShouldBeFalse();
        queue.TryReserve("b").ShouldBeTrue();
        queue.TryReserve("b").ShouldBeTrue();
        queue.IsFull.ShouldBeTrue();

        // The queue is full with a's and b's dossiers: c still gets one place, and only one.
        queue.TryReserve("c").ShouldBeTrue();
        queue.TryReserve("c").ShouldBeFalse();
        queue.Depth.ShouldBe(5);
        queue.Release("a");
        queue.TryReserve("c").ShouldBeFalse();
        queue.TryReserve("a").ShouldBeFalse();
        queue.TenantCapacity.ShouldBe(2);
    }

    [Fact]
    public async Task Through_the_service_another_tenants_dossier_starts_before_the_first_tenants_backlog()
    {
        var gate = new ProcessingGate();
        using var host = new ApiHost(gate: gate);
        using var oncology = host.Client();
        using var cardiology = host.Client(ApiHost.CardiologyKey);
        var first = (await oncology.UploadAsync(TestDossiers.Small(70)))["id"]!.GetValue<string>();
        await oncology.WaitStatusAsync(first, s => s == "processing");
        var second = (await oncology.UploadAsync(TestDossiers.Small(71)))["id"]!.GetValue<string>();
        var third = (await oncology.UploadAsync(TestDossiers.Small(72)))["id"]!.GetValue<string>();
        var other = (await cardiology.UploadAsync(TestDossiers.Small(73)))["id"]!.GetValue<string>();

        gate.Open();
        var started = new Dictionary<string, DateTimeOffset>();
        foreach (var (client, id) in new[] { (oncology, first), (oncology, second), (oncology, third), (cardiology, other) })
        {
            var status = await client.WaitFinishedAsync(id);
            status["status"]!.GetValue<string>().ShouldBe("completed");
            started[id] = DateTimeOffset.Parse(status["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        }

        // One worker: the first tenant's next dossier, then the other tenant's, then the first tenant's last.
        started[second].ShouldBeLessThan(started[other]);
        started[other].ShouldBeLessThan(started[third]);
    }

    private static DossierQueue Queue(int capacity, int sharePercent) =>
        new(Options.Create(new ApiOptions { Queue = new ProcessingQueueOptions { Capacity = capacity, TenantSharePercent = sharePercent } }));
}
