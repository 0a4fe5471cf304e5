using MedSummary.Api.Hosting;
using FluentValidation;
using MedSummary.Api.Errors;

namespace MedSummary.Api.Validation;

/// <summary>
/// Validates the handler's <typeparamref name="T"/> argument with its FluentValidation validator before the handler
/// runs. A refusal is a ProblemDetails whose code, status and detail are the first failure's (rules carry their
/// stable code as their error code), with every failure listed under "errors".
/// </summary>
internal sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return ApiProblems.Create(ApiErrorCodes.InvalidRequest, "The request could not be read.");
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.IsValid)
        {
            return await next(context).ConfigureAwait(false);
        }

        var first = result.Errors[0];
        var code = string.IsNullOrEmpty(first.ErrorCode) || first.ErrorCode.EndsWith("Validator", StringComparison.Ordinal)
            ? ApiErrorCodes.InvalidRequest
            : first.ErrorCode;
        var errors = result.Errors
            .Select(e => new ValidationError(e.PropertyName, e.ErrorCode, e.ErrorMessage))
            .ToList();
        return ApiProblems.Create(code, first.ErrorMessage, new Dictionary<string, object?> { ["errors"] = errors });
    }

    private sealed record ValidationError(string Field, string Code, string Message);
}

/// <summary>Attaches <see cref="ValidationFilter{T}"/> to an endpoint.</summary>
internal static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesProblems(ApiErrorCodes.InvalidRequest);
}
