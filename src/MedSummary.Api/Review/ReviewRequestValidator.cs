using FluentValidation;
using MedSummary.Api.Errors;

namespace MedSummary.Api.Review;

/// <summary>A review must name a known action; a correction needs a value, acceptance and rejection take none; texts are bounded.</summary>
internal sealed class ReviewRequestValidator : AbstractValidator<ReviewRequest>
{
    public ReviewRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.Action)
            .Must(a => a is not null && ReviewActions.All.Contains(a))
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage("action must be \"accept\", \"correct\" or \"reject\".");

        RuleFor(r => r.Value)
            .Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 500)
            .When(r => r.Action == ReviewActions.Correct)
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage("A correction needs a value of 1 to 500 characters.");

        RuleFor(r => r.Value)
            .Null()
            .When(r => r.Action is ReviewActions.Accept or ReviewActions.Reject)
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage(r => $"\"{r.Action}\" takes no value; use \"correct\" to give one.");

        RuleFor(r => r.Normalized)
            .Must(n => n is null || (n.Length is > 0 and <= 200))
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage("normalized must be 1 to 200 characters when given.");

        RuleFor(r => r.Normalized)
            .Null()
            .When(r => r.Action is ReviewActions.Accept or ReviewActions.Reject)
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage(r => $"\"{r.Action}\" takes no normalized value.");

        RuleFor(r => r.Comment)
            .Must(c => c is null || c.Length <= 2000)
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage("comment must be at most 2000 characters.");

        RuleFor(r => r.Reviewer)
            .Must(BeAName)
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage("reviewer must be 1 to 200 characters without control characters.");
    }

    internal static bool BeAName(string? name) => name is null || (name.Trim().Length is > 0 and <= 200 && !name.Any(char.IsControl));
}

/// <summary>A validation's reviewer and comment are bounded like a review's.</summary>
internal sealed class ValidateRequestValidator : AbstractValidator<ValidateRequest>
{
    public ValidateRequestValidator()
    {
        RuleFor(r => r.Reviewer)
            .Must(ReviewRequestValidator.BeAName)
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage("reviewer must be 1 to 200 characters without control characters.");
        RuleFor(r => r.Comment)
            .Must(c => c is null || c.Length <= 2000)
            .WithErrorCode(ApiErrorCodes.InvalidReview)
            .WithMessage("comment must be at most 2000 characters.");
    }
}
