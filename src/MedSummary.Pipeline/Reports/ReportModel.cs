using MedSummary.Core.Contract;
using MedSummary.Core.Documents;
using MedSummary.Extraction.Grounding.Forms;

namespace MedSummary.Pipeline.Reports;

/// <summary>A reviewer's decision on a field, as the report shows it (the API's review store maps onto this).</summary>
/// <param name="Action">"accept", "correct" or "reject".</param>
/// <param name="Value">For "correct": the reviewer's value.</param>
public sealed record ReportReview(string Action, string? Value, string Reviewer, string? Comment);

/// <summary>Where the form stands in review: "validated" (with who and when), "in_review" or "machine".</summary>
public sealed record ReportValidation(string State, string? By = null, DateTimeOffset? At = null);

/// <summary>What a report is made of: the result, the form it fills, and the documents' text for passages in context.</summary>
/// <param name="Documents">By document id; a citation whose document is missing is shown as its quote alone.</param>
public sealed record ReportInput(DossierResult Result, FormSchema Schema, IReadOnlyDictionary<string, SourceDocument> Documents)
{
    /// <summary>A heading under the title (the CLI's input folder name); the dossier id when null.</summary>
    public string? Subtitle { get; init; }

    /// <summary>"fr" or "en"; null: the dossier's language (see <see cref="ReportModel.LanguageOf"/>).</summary>
    public string? Language { get; init; }

    /// <summary>Reviewers' decisions by field key (API only).</summary>
    public IReadOnlyDictionary<string, ReportReview>? Reviews { get; init; }

    public ReportValidation? Validation { get; init; }
}

/// <summary>A place in the report that cites a source, for the source's way back.</summary>
public sealed record ReportUse(string Anchor, string Label);

/// <summary>
/// One numbered cited span with its context on its page. <see cref="Before"/> and <see cref="After"/> are null when the
/// document's text is not available or does not hold the quote at its offsets (the quote is then shown alone).
/// </summary>
public sealed record ReportSource(int Number, Citation Citation, string? Before, string? After, bool Clipped, IReadOnlyList<ReportUse> Uses)
{
    public string Anchor => ReportModel.CiteAnchor(Number);
}

public sealed record ReportDocumentSources(string FileName, IReadOnlyList<ReportSource> Sources);

public sealed record ReportIdentityPart(string Anchor, string Label, string Value, IReadOnlyList<int> Cites);

/// <param name="State">stated, not_stated, not_attempted, model_failed or conflict.</param>
/// <param name="Value">The value as the reader reads it (localized vocabulary, formatted date), "—" when none.</param>
public sealed record ReportField(
    string Key, string Label, string Value, string? CodeLabel, string State, string StateText, string? Reason, IReadOnlyList<int> Cites, string? Review)
{
    public string Anchor => ReportModel.FieldAnchor(Key);
}

public sealed record ReportGroup(string Key, string Label, IReadOnlyList<ReportField> Fields);

public sealed record ReportAlert(string Anchor, string Kind, string KindText, string Severity, string SeverityText, string Text, string? Detail, IReadOnlyList<int> Cites);

public sealed record ReportEvent(string Anchor, string Date, string? EndDate, string KindText, string Description, IReadOnlyList<int> Cites);

public sealed record ReportSentence(string Anchor, string Text, IReadOnlyList<int> Cites);

/// <summary>
/// The report as a reader meets it, in its language and order, rendered alike by <see cref="HtmlReport"/> and
/// <see cref="MarkdownReport"/>: identity, processing banner, alerts, the form by group, timeline, summary, sources.
/// Sources are numbered in the dossier's order (document, then position), so the list reads like the dossier.
/// </summary>
public sealed record ReportModel
{
    /// <summary>Characters of page text shown on each side of a quote (cut back to a word boundary).</summary>
    public const int ContextChars = 110;

    public required ReportText Text { get; init; }

    public required string Subtitle { get; init; }

    public string? DossierId { get; init; }

    public int DocumentCount { get; init; }

    public int PageCount { get; init; }

    /// <summary>Null: no document states an identity.</summary>
    public IReadOnlyList<ReportIdentityPart>? Identity { get; init; }

    /// <summary>Plain sentences on how the result was made and which fields nobody could look for.</summary>
    public IReadOnlyList<string> Banner { get; init; } = [];

    public string? ReviewState { get; init; }

    public IReadOnlyList<InputError> Errors { get; init; } = [];

    public IReadOnlyList<ReportAlert> Alerts { get; init; } = [];

    public IReadOnlyList<ReportGroup> Groups { get; init; } = [];

    public IReadOnlyList<ReportEvent> Timeline { get; init; } = [];

    public IReadOnlyList<ReportSentence> Summary { get; init; } = [];

    public IReadOnlyList<ReportDocumentSources> Sources { get; init; } = [];

    public static string CiteAnchor(int number) => "cite-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string FieldAnchor(string key) => "field-" + key;

    /// <summary>
    /// The dossier's language: the majority of its documents' languages; a tie (or no document) gives French, the
    /// language of the tumor-board form the schema was written for.
    /// </summary>
    public static string LanguageOf(DossierResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var english = result.Documents.Count(d => d.Language == "en");
        var french = result.Documents.Count(d => d.Language == "fr");
        return english > french ? "en" : "fr";
    }

    public static ReportModel Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new Builder(input).Build();
    }

    private sealed class Builder(ReportInput input)
    {
        private readonly DossierResult _result = input.Result;
        private readonly FormSchema _schema = input.Schema;
        private readonly ReportText _t = ReportText.For(input.Language ?? LanguageOf(input.Result));
        private readonly Dictionary<(string, int, int), (Citation Citation, List<ReportUse> Uses)> _spans = [];
        private readonly List<(List<(string, int, int)> Keys, Action<IReadOnlyList<int>> Set)> _pending = [];

        public ReportModel Build()
        {
            var identity = Identity();
            var alerts = Alerts();
            var groups = Groups();
            var timeline = Timeline();
            var summary = Summary();
            var (numbers, sources) = Sources();
            foreach (var (keys, set) in _pending)
            {
                set([.. keys.Select(k => numbers[k]).Distinct().Order()]);
            }

            return new ReportModel
            {
                Text = _t,
                Subtitle = input.Subtitle ?? _result.DossierId ?? "",
                DossierId = _result.DossierId,
                DocumentCount = _result.Documents.Count,
                PageCount = _result.Documents.Sum(d => d.PageCount),
                Identity = identity?.Select(p => p.Part with { Cites = p.Cites.Value }).ToList(),
                Banner = Banner(groups),
                ReviewState = ReviewState(),
                Errors = _result.Errors,
                Alerts = [.. alerts.Select(a => a.Item with { Cites = a.Cites.Value })],
                Groups = [.. groups.Select(g => new ReportGroup(g.Key, g.Label, [.. g.Fields.Select(f => f.Item with { Cites = f.Cites.Value })]))],
                Timeline = [.. timeline.Select(e => e.Item with { Cites = e.Cites.Value })],
                Summary = [.. summary.Select(s => s.Item with { Cites = s.Cites.Value })],
                Sources = sources,
            };
        }

        /// <summary>Registers citations used at <paramref name="use"/>; their numbers are known once every use is seen.</summary>
        private Holder Cite(IEnumerable<Citation> citations, ReportUse use)
        {
            var keys = new List<(string, int, int)>();
            foreach (var c in citations)
            {
                var key = (c.DocumentId, c.Start, c.End);
                if (!_spans.TryGetValue(key, out var entry))
                {
                    entry = (c, []);
                    _spans[key] = entry;
                }

                if (!entry.Uses.Any(u => u.Anchor == use.Anchor))
                {
                    entry.Uses.Add(use);
                }

                keys.Add(key);
            }

            var holder = new Holder();
            _pending.Add((keys, n => holder.Value = n));
            return holder;
        }

        private List<(ReportIdentityPart Part, Holder Cites)>? Identity()
        {
            if (_result.Patient is not { } patient)
            {
                return null;
            }

            var parts = new List<(ReportIdentityPart, Holder)>();
            void Add(string anchor, string label, string value, IdentityPart part) =>
                parts.Add((new ReportIdentityPart(anchor, label, value, []), Cite(part.Citations, new ReportUse(anchor, label))));

            if (patient.Name is { } name)
            {
                Add("identity-name", _t["identity.name"], name.Value, name);
            }

            if (patient.BirthDate is { } birth)
            {
                Add("identity-birth-date", _t["identity.birth_date"], _t.Date(birth.Normalized), birth);
            }

            if (patient.Sex is { } sex)
            {
                Add("identity-sex", _t["identity.sex"], _t.Find("sex." + sex.Normalized) ?? sex.Value, sex);
            }

            for (var i = 0; i < patient.Identifiers.Count; i++)
            {
                var id = patient.Identifiers[i];
                Add($"identity-id-{i + 1}", id.Kind ?? "ID", id.Value, id);
            }

            return parts.Count == 0 ? null : parts;
        }

        private List<(ReportAlert Item, Holder Cites)> Alerts()
        {
            var alerts = new List<(ReportAlert, Holder)>();
            var ordered = _result.Alerts.OrderBy(a => a.Severity switch { "critical" => 0, "warning" => 1, _ => 2 }).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var alert = ordered[i];
                var anchor = $"alert-{i + 1}";
                var kind = _t.Find("alert." + alert.Kind) ?? alert.Kind.Replace('_', ' ');
                var severity = alert.Severity ?? "info";
                var (text, detail) = AlertText(alert);
                alerts.Add((new ReportAlert(anchor, alert.Kind, kind, severity, _t.Find("severity." + severity) ?? severity, text, detail, []),
                    Cite(alert.Citations, new ReportUse(anchor, kind))));
            }

            return alerts;
        }

        // Alert messages are composed in English by the extractors; the report rebuilds the headline from the alert's
        // structured members so a French dossier reads French, and keeps the English message as detail in English.
        private (string Text, string? Detail) AlertText(ClinicalAlert alert)
        {
            var detail = _t.IsFrench ? null : alert.Message;
            switch (alert.Kind)
            {
                case AlertKinds.LabAbnormal when alert.About is { } analyte && alert.Direction is "low" or "high":
                    var text = _t.Format("alert.lab." + alert.Direction, _t.Find("lab." + analyte) ?? analyte, _t.Number(alert.Value ?? ""));
                    if (alert.Date is { } date)
                    {
                        text += " " + _t.Format("alert.on", _t.Date(date));
                    }

                    return (text, detail);
                case AlertKinds.Contradiction when alert.About is { } key && _result.Form.Fields.GetValueOrDefault(key) is { Candidates: { Count: > 0 } candidates }:
                    var field = _schema.Field(key);
                    var values = string.Join(" / ", candidates.Select(c => Display(field, c.Normalized, c.Value)));
                    return (_t.Format("alert.contradiction.text", field?.Label.For(_t.Language) ?? key, values), detail);
                case AlertKinds.DifferentPatients:
                    return (_t["alert.different_patients.text"], detail);
                default:
                    return (alert.Message, null);
            }
        }

        private List<(string Key, string Label, List<(ReportField Item, Holder Cites)> Fields)> Groups()
        {
            var groups = new List<(string, string, List<(ReportField, Holder)>)>();
            foreach (var group in _schema.Groups)
            {
                var fields = _schema.FieldsOf(group.Key).Where(f => _result.Form.Fields.ContainsKey(f.Key))
                    .Select(f => Field(f.Key, f, _result.Form.Fields[f.Key])).ToList();
                if (fields.Count > 0)
                {
                    groups.Add((group.Key, group.Label.For(_t.Language), fields));
                }
            }

            // A field the schema does not declare (a result made with another form) is still shown, under its key.
            var other = _result.Form.Fields.Where(p => _schema.Field(p.Key) is null).Select(p => Field(p.Key, null, p.Value)).ToList();
            if (other.Count > 0)
            {
                groups.Add(("other", _t["group.other"], other));
            }

            return groups;
        }

        private (ReportField, Holder) Field(string key, FormField? schema, FieldResult field)
        {
            var label = schema?.Label.For(_t.Language) ?? key;
            var state = field.Status == FieldStatus.Conflict ? "conflict" : field.State ?? (field.Status == FieldStatus.Found ? FieldState.Stated : FieldState.NotStated);
            var value = field.Status switch
            {
                FieldStatus.Found when field.Items is { Count: > 0 } items => string.Join("; ", items.Select(i => Item(schema, i))),
                FieldStatus.Found => Display(schema, field.Normalized, field.Value),
                FieldStatus.Conflict => string.Join(" / ", (field.Candidates ?? []).Select(c => Display(schema, c.Normalized, c.Value))),
                _ => "—",
            };
            string? review = null;
            if (input.Reviews?.GetValueOrDefault(key) is { } decision)
            {
                review = decision.Action switch
                {
                    "correct" => _t.Format("review.correct", decision.Reviewer, value),
                    "reject" => _t.Format("review.reject", decision.Reviewer),
                    _ => _t.Format("review.accept", decision.Reviewer),
                };
                value = decision.Action switch
                {
                    "correct" => decision.Value ?? "—",
                    "reject" => "—",
                    _ => value,
                };
                if (decision.Comment is { } comment)
                {
                    review += " — " + comment;
                }
            }

            var citations = field.Citations.Concat(field.Candidates?.SelectMany(c => c.Citations) ?? []).Concat(field.Items?.SelectMany(i => i.Citations) ?? []);
            var reason = state == FieldState.ModelFailed ? field.Reason : null;
            var item = new ReportField(key, label, value, field.Label, state, _t.Find("state." + state) ?? state, reason, [], review);
            return (item, Cite(citations, new ReportUse(FieldAnchor(key), label)));
        }

        /// <summary>A value as the reader reads it: a vocabulary value in the report's language, a date formatted, text as written.</summary>
        private string Display(FormField? field, string? normalized, string? written)
        {
            var type = field?.Type;
            if (normalized is null)
            {
                return written ?? "—";
            }

            return type switch
            {
                FormFieldType.Enum or FormFieldType.EnumSet or FormFieldType.Treatments or FormFieldType.Toxicities =>
                    string.Join("; ", normalized.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(_t.Value)),
                FormFieldType.Date => _t.Date(normalized),
                FormFieldType.Text => written ?? normalized,
                _ => normalized,
            };
        }

        private string Item(FormField? field, FieldItem item)
        {
            var text = _t.Value(item.Normalized);
            if (item.Parts is not { } parts)
            {
                return text;
            }

            if (parts.GetValueOrDefault("agent") is { Length: > 0 } agent && !string.Equals(agent, item.Normalized, StringComparison.OrdinalIgnoreCase))
            {
                text += " (" + agent + ")";
            }

            var start = parts.GetValueOrDefault("start");
            var end = parts.GetValueOrDefault("end");
            if (start is not null || end is not null)
            {
                text += " " + _t.Date(start) + (end is null ? "" : " – " + _t.Date(end));
            }

            if (parts.GetValueOrDefault("grade") is { Length: > 0 } grade)
            {
                text += ", " + _t.Format("part.grade", grade);
            }

            _ = field;
            return text;
        }

        private List<(ReportEvent Item, Holder Cites)> Timeline()
        {
            var events = new List<(ReportEvent, Holder)>();
            var timeline = _result.Timeline ?? [];
            for (var i = 0; i < timeline.Count; i++)
            {
                var e = timeline[i];
                var anchor = $"event-{i + 1}";
                var date = _t.Date(e.Date);
                events.Add((new ReportEvent(anchor, date, e.EndDate is null ? null : _t.Date(e.EndDate), _t.Find("kind." + e.Kind) ?? e.Kind.Replace('_', ' '), e.Description, []),
                    Cite(e.Citations, new ReportUse(anchor, $"{_t["timeline"]}, {date}"))));
            }

            return events;
        }

        private List<(ReportSentence Item, Holder Cites)> Summary()
        {
            var sentences = new List<(ReportSentence, Holder)>();
            for (var i = 0; i < _result.Summary.Count; i++)
            {
                var anchor = $"sentence-{i + 1}";
                sentences.Add((new ReportSentence(anchor, _result.Summary[i].Text, []), Cite(_result.Summary[i].Citations, new ReportUse(anchor, _t["summary"]))));
            }

            return sentences;
        }

        private List<string> Banner(List<(string Key, string Label, List<(ReportField Item, Holder Cites)> Fields)> groups)
        {
            var lines = new List<string>();
            if (_result.Processing is { } processing)
            {
                lines.Add(processing.Mode == "rules" || processing.ChatModel is null ? _t["mode.rules"] : _t.Format("mode.llm", processing.ChatModel));
            }

            var fields = groups.SelectMany(g => g.Fields).Select(f => f.Item).ToList();
            var notAttempted = fields.Where(f => f.State == FieldState.NotAttempted).Select(f => f.Label).ToList();
            if (notAttempted.Count > 0)
            {
                lines.Add(_t.Format("mode.not_attempted", string.Join(", ", notAttempted)));
            }

            var failed = fields.Where(f => f.State == FieldState.ModelFailed).Select(f => f.Label).ToList();
            if (failed.Count > 0)
            {
                lines.Add(_t.Format("mode.model_failed", string.Join(", ", failed)));
            }

            return lines;
        }

        private string? ReviewState() => input.Validation switch
        {
            null => null,
            { State: "validated" } v => _t.Format("review.validated", v.By ?? "?", v.At is { } at
                ? _t.Date(at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) + at.UtcDateTime.ToString(" HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
                : "?"),
            { State: "in_review" } => _t["review.in_review"],
            _ => _t["review.machine"],
        };

        private (Dictionary<(string, int, int), int> Numbers, List<ReportDocumentSources> Sources) Sources()
        {
            var order = _result.Documents.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
            var spans = _spans.OrderBy(p => order.GetValueOrDefault(p.Key.Item1, int.MaxValue)).ThenBy(p => p.Value.Citation.FileName, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Item2).ThenBy(p => p.Key.Item3).ToList();
            var numbers = new Dictionary<(string, int, int), int>();
            var byDocument = new List<ReportDocumentSources>();
            List<ReportSource>? current = null;
            string? currentDocument = null;
            foreach (var (key, (citation, uses)) in spans)
            {
                var number = numbers.Count + 1;
                numbers[key] = number;
                if (currentDocument != citation.DocumentId)
                {
                    current = [];
                    currentDocument = citation.DocumentId;
                    byDocument.Add(new ReportDocumentSources(citation.FileName, current));
                }

                current!.Add(Context(number, citation, uses));
            }

            return (numbers, byDocument);
        }

        private ReportSource Context(int number, Citation citation, List<ReportUse> uses)
        {
            if (!input.Documents.TryGetValue(citation.DocumentId, out var document)
                || citation.Start < 0 || citation.End > document.Text.Length || citation.Start > citation.End
                || !document.Text.AsSpan(citation.Start, citation.End - citation.Start).SequenceEqual(citation.Quote)
                || citation.Page < 1 || citation.Page > document.PageCount)
            {
                return new ReportSource(number, citation, null, null, false, uses);
            }

            // Context stays on the quote's page (the page is what the reader would open) and stops at a word boundary.
            var page = document.Map.PageSpan(citation.Page);
            var text = document.Text;
            var from = Math.Max(page.Start, Math.Min(citation.Start, citation.Start - ContextChars));
            if (from > page.Start)
            {
                var space = text.IndexOfAny([' ', '\n'], from, citation.Start - from);
                from = space < 0 ? citation.Start : space + 1;
            }

            var to = Math.Min(page.End, citation.End + ContextChars);
            if (to < page.End && to > citation.End)
            {
                var space = text.LastIndexOfAny([' ', '\n'], to - 1, to - citation.End);
                to = space < 0 ? citation.End : space;
            }

            return new ReportSource(
                number,
                citation,
                (from > page.Start ? "…" : "") + text[from..citation.Start],
                text[citation.End..to] + (to < page.End ? "…" : ""),
                from > page.Start || to < page.End,
                uses);
        }
    }

    private sealed class Holder
    {
        public IReadOnlyList<int> Value { get; set; } = [];
    }
}
