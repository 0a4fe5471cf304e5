using MedSummary.Core.Documents;
using MedSummary.Extraction.Rules;
using MedSummary.Testing.Documents;
using Shouldly;

namespace MedSummary.Extraction.Tests.Rules;

/// <summary>Runs one extractor on a one-page document and checks a finding against the text it points to.</summary>
internal static class FindingAssert
{
    public static (SourceDocument Document, List<Finding> Findings) Run(IFieldExtractor extractor, string text, string language)
    {
        var document = TestDocuments.FromText(text, language);
        return (document, extractor.Extract(document).ToList());
    }

    /// <summary>A finding with this key, value as written and normalized value, whose span holds the value.</summary>
    public static Finding Finds(IFieldExtractor extractor, string text, string language, string key, string value, string normalized)
    {
        var (document, findings) = Run(extractor, text, language);
        var match = findings.FirstOrDefault(f => f.FieldKey == key && f.Normalized == normalized && f.Value == value);
        match.ShouldNotBeNull($"expected {key}={normalized} ('{value}') in \"{text}\"; found: {Describe(findings)}");
        match.DocumentId.ShouldBe(document.Id);
        match.Span.End.ShouldBeLessThanOrEqualTo(document.Text.Length);
        document.Slice(match.Span).ShouldContain(match.Value);
        match.Confidence.ShouldBeInRange(0.05, 0.99);

        // No other reading of the same field contradicts it in such a short statement.
        findings.Where(f => f.FieldKey == key).Select(f => f.Normalized).Distinct().ShouldBe([normalized], $"in \"{text}\"");
        return match;
    }

    /// <summary>No finding for <paramref name="key"/>.</summary>
    public static void FindsNothing(IFieldExtractor extractor, string text, string language, string key)
    {
        var (_, findings) = Run(extractor, text, language);
        findings.Where(f => f.FieldKey == key).ShouldBeEmpty($"in \"{text}\"; found: {Describe(findings)}");
    }

    /// <summary>No finding for any of the extractor's keys.</summary>
    public static void FindsNothingAtAll(IFieldExtractor extractor, string text, string language)
    {
        var (_, findings) = Run(extractor, text, language);
        findings.ShouldBeEmpty($"in \"{text}\"; found: {Describe(findings)}");
    }

    private static string Describe(IEnumerable<Finding> findings) =>
        string.Join("; ", findings.Select(f => $"{f.FieldKey}={f.Normalized} '{f.Value}'")) is { Length: > 0 } s ? s : "nothing";
}
