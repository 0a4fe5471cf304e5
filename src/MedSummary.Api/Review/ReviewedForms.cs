using System.Text.Json;
using System.Text.Json.Nodes;
using MedSummary.Api.Storage;
using MedSummary.Core.Contract;

namespace MedSummary.Api.Review;

/// <summary>
/// The form as served: each field exactly as in the contract (the machine's value, status, confidence, source and
/// verified citations), extended with "review" (the decision, or null) and "final" (what the form says once
/// reviewed). The machine's members are never altered by a review.
/// </summary>
internal static class ReviewedForms
{
    public const string RejectedStatus = "rejected";
    public const string ReviewerSource = "reviewer";

    public static JsonObject Form(DossierRecord record, DossierResult result, IReadOnlyDictionary<string, FieldReview> reviews)
    {
        var fields = new JsonObject();
        foreach (var (key, field) in result.Form.Fields)
        {
            fields[key] = Field(field, reviews.GetValueOrDefault(key));
        }

        return new JsonObject
        {
            ["dossierId"] = record.Id,
            ["formVersion"] = record.FormVersion,
            ["state"] = record.ValidatedAt is not null ? "validated" : reviews.Count > 0 ? "in_review" : "machine",
            ["validated"] = record.ValidatedAt is { } at
                ? JsonSerializer.SerializeToNode(new ValidationInfo(at, record.ValidatedBy ?? "unknown"), ContractJson.Options)
                : null,
            ["fields"] = fields,
        };
    }

    public static JsonObject Field(FieldResult field, FieldReview? review)
    {
        var node = JsonSerializer.SerializeToNode(field, ContractJson.Options)!.AsObject();
        node["review"] = review is null ? null : JsonSerializer.SerializeToNode(Info(review), ContractJson.Options);
        node["final"] = JsonSerializer.SerializeToNode(Final(field, review), ContractJson.Options);
        return node;
    }

    public static ReviewInfo Info(FieldReview review) =>
        new(review.Action, review.Value, review.Normalized, review.Comment, review.Actor, review.Reviewer, review.At);

    public static FinalValue Final(FieldResult field, FieldReview? review) => review?.Action switch
    {
        ReviewActions.Correct => new FinalValue(review.Value, review.Normalized ?? review.Value, FieldStatus.Found, ReviewerSource),
        ReviewActions.Reject => new FinalValue(null, null, RejectedStatus, ReviewerSource),
        _ => new FinalValue(field.Value, field.Normalized, field.Status, field.Source),
    };

    /// <summary>A field's state for the audit trail: what the form said, and through which decision.</summary>
    public static JsonObject State(FieldResult field, FieldReview? review)
    {
        var final = Final(field, review);
        return new JsonObject
        {
            ["decision"] = review?.Action ?? "machine",
            ["value"] = final.Value,
            ["normalized"] = final.Normalized,
            ["status"] = final.Status,
            ["source"] = final.Source,
        };
    }

    private sealed record ValidationInfo(DateTimeOffset At, string By);
}
