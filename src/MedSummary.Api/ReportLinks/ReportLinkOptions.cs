using System.Text;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.ReportLinks;

/// <summary>Signed links into a dossier's report for a browser, configuration section <c>MedSummary:Api:ReportLinks</c>.</summary>
public sealed class ReportLinkOptions
{
    public const string SectionName = "MedSummary:Api:ReportLinks";

    /// <summary>How long a link may wait before it is opened, in seconds; it opens once. Default 300 (5 minutes); 10 to 3600.</summary>
    public int LinkLifetimeSeconds { get; set; } = 300;

    /// <summary>
    /// How long the browser may read the report and its page views after opening the link, in seconds (the cookie's
    /// lifetime). Default 1800 (30 minutes); 60 to 43200.
    /// </summary>
    public int SessionLifetimeSeconds { get; set; } = 1800;

    /// <summary>
    /// The HMAC-SHA256 key that signs links and their cookies, at least 32 bytes of UTF-8. Default none: a random key is
    /// generated once and kept in <c>report-link.key</c> (mode 0600) in the data folder, so links survive a restart.
    /// </summary>
    public string? SigningKey { get; set; }
}

/// <summary>Start-up validation of <see cref="ReportLinkOptions"/>, each problem named by its setting.</summary>
internal sealed class ReportLinkOptionsValidator : IValidateOptions<ReportLinkOptions>
{
    private const string S = ReportLinkOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ReportLinkOptions options)
    {
        var errors = new List<string>();
        if (options.LinkLifetimeSeconds is < 10 or > 3600)
        {
            errors.Add($"{S}:LinkLifetimeSeconds must be between 10 and 3600 (got {options.LinkLifetimeSeconds}).");
        }

        if (options.SessionLifetimeSeconds is < 60 or > 43_200)
        {
            errors.Add($"{S}:SessionLifetimeSeconds must be between 60 and 43200 (got {options.SessionLifetimeSeconds}).");
        }

        if (options.SigningKey is { } key && Encoding.UTF8.GetByteCount(key) < 32)
        {
            // The key's value is never echoed: configuration errors end up in logs.
            errors.Add($"{S}:SigningKey must be at least 32 bytes; leave it unset to have one generated in the data folder.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
