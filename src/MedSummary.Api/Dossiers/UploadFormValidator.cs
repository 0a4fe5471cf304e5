using FluentValidation;
using MedSummary.Api.Configuration;
using MedSummary.Api.Errors;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Dossiers;

/// <summary>
/// The rules an upload must meet before it is accepted, each with its stable code: multipart, at least one file,
/// not too many, each within the size limit and readable (type by content, PDF byte probe), the dossier's pages
/// within the limit, the reference and language well formed.
/// </summary>
internal sealed class UploadFormValidator : AbstractValidator<UploadForm>
{
    public UploadFormValidator(IOptions<ApiOptions> options)
    {
        var limits = options.Value.Limits;
        RuleLevelCascadeMode = CascadeMode.Stop;
        ClassLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.IsMultipart).Equal(true)
            .WithErrorCode(ApiErrorCodes.NotMultipart)
            .WithMessage("Send the files as multipart/form-data, one part per file.");

        RuleFor(f => f.Files).NotEmpty()
            .WithErrorCode(ApiErrorCodes.NoFile)
            .WithMessage("The upload holds no file: add at least one part with a file name.");

        RuleFor(f => f.Files.Count).LessThanOrEqualTo(limits.MaxFilesPerDossier)
            .WithErrorCode(ApiErrorCodes.TooManyFiles)
            .WithMessage(f => $"The upload holds {f.Files.Count} files, more than the limit of {limits.MaxFilesPerDossier} per dossier.")
            .OverridePropertyName("files");

        RuleForEach(f => f.Files).Custom((file, context) =>
        {
            if (file.Length > limits.MaxFileBytes)
            {
                context.AddFailure(Failure(ApiErrorCodes.PayloadTooLarge,
                    $"{file.FileName}: the file has {file.Length} bytes, more than the limit of {limits.MaxFileBytes}."));
                return;
            }

            if (!file.Inspection.Accepted)
            {
                context.AddFailure(Failure(file.Inspection.ErrorCode!, file.Inspection.ErrorMessage!));
            }
        });

        RuleFor(f => f.Files.Sum(file => file.Inspection.Accepted ? file.Inspection.Pages : 0))
            .LessThanOrEqualTo(limits.MaxPagesPerDossier)
            .WithErrorCode(Core.Errors.InputErrorCodes.TooManyPages)
            .WithMessage(f => $"The dossier has {f.Files.Sum(file => file.Inspection.Pages)} pages, more than the limit of {limits.MaxPagesPerDossier}.")
            .OverridePropertyName("files");

        RuleFor(f => f.PatientRef)
            .Must(r => r is null || (r.Length <= limits.MaxExternalRefLength && !r.Any(char.IsControl)))
            .WithErrorCode(ApiErrorCodes.InvalidRequest)
            .WithMessage($"{UploadForm.PatientRefField} must be at most {limits.MaxExternalRefLength} characters, without control characters.")
            .OverridePropertyName(UploadForm.PatientRefField);

        RuleFor(f => f.Language)
            .Must(l => l is null or "fr" or "en")
            .WithErrorCode(ApiErrorCodes.InvalidRequest)
            .WithMessage($"{UploadForm.LanguageField} must be \"fr\" or \"en\" when given.")
            .OverridePropertyName(UploadForm.LanguageField);
    }

    private static FluentValidation.Results.ValidationFailure Failure(string code, string message) =>
        new("files", message) { ErrorCode = code };
}
