using MedSummary.AI.Configuration;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MedSummary.LlamaCpp.Tests;

public class FlashAttentionTests
{
    [Theory]
    [InlineData(LlamaFlashAttention.Auto)]
    [InlineData(LlamaFlashAttention.Enabled)]
    [InlineData(LlamaFlashAttention.Disabled)]
    public async Task Every_setting_gives_a_context_that_answers(LlamaFlashAttention flashAttention)
    {
        var options = TestModels.ChatOptions();
        options.FlashAttention = flashAttention;
        using var client = new LlamaChatClient(options);
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Quel stade ?")], new ChatOptions { MaxOutputTokens = 4, Temperature = 0 });
        response.Usage!.OutputTokenCount.ShouldBe(4);
    }

    [Fact]
    public void An_undefined_value_is_refused_naming_the_setting()
    {
        var options = TestModels.ChatOptions();
        options.FlashAttention = (LlamaFlashAttention)7;
        Should.Throw<ArgumentException>(() => new LlamaChatClient(options)).Message.ShouldContain("FlashAttention must be Auto, Enabled or Disabled (is 7)");
    }

    [Fact]
    public void The_configured_value_is_bound_and_checked_at_start()
    {
        AIOptions Bind(string value)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MedSummary:AI:Chat:FlashAttention"] = value }).Build();
            using var sp = new ServiceCollection().AddMedSummaryAI(configuration).BuildServiceProvider();
            return sp.GetRequiredService<IOptions<AIOptions>>().Value;
        }

        Bind("disabled").Chat.FlashAttention.ShouldBe(LlamaFlashAttention.Disabled);
        Bind("Enabled").Chat.FlashAttention.ShouldBe(LlamaFlashAttention.Enabled);
        Should.Throw<OptionsValidationException>(() => Bind("7")).Message.ShouldContain("MedSummary:AI:Chat:FlashAttention must be Auto, Enabled or Disabled (is 7)");
    }
}
