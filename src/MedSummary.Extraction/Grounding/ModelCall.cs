using System.Text;
using MedSummary.Extraction.Analysis;
using Microsoft.Extensions.AI;

namespace MedSummary.Extraction.Grounding;

/// <summary>What one model call returned: its text (possibly cut short), whether it ended normally, and its failure if any.</summary>
public sealed record ModelReply(string Text, bool Completed, Exception? Error);

/// <summary>
/// One chat call, streamed so that an answer cut by the token limit (some engines then throw) still yields the text
/// generated so far, which <see cref="Answers.AnswerJson"/> can partly read. Usage is added to the dossier's
/// <see cref="ModelUsageScope"/>: from the engine's report when it gives one, otherwise the streamed updates are
/// counted as generated tokens (prompt tokens are then unknown and not counted).
/// </summary>
public static class ModelCall
{
    public static async Task<ModelReply> RunAsync(IChatClient chat, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var text = new StringBuilder();
        UsageDetails? usage = null;
        var updates = 0;
        Exception? error = null;
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                updates++;
                text.Append(update.Text);
                foreach (var content in update.Contents.OfType<UsageContent>())
                {
                    usage = content.Details;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex;
        }

        ModelCallProgress.Finished();

        if (usage is not null)
        {
            ModelUsageScope.Record(usage.InputTokenCount, usage.OutputTokenCount, usage.CachedInputTokenCount);
        }
        else if (updates > 0 || error is null)
        {
            ModelUsageScope.Record(null, updates, null);
        }

        return new ModelReply(text.ToString(), error is null, error);
    }
}
