using MedSummary.Extraction.Prompts;
using MedSummary.Testing;
using Shouldly;
using Xunit;

namespace MedSummary.Extraction.Tests.Prompts;

public sealed class PromptFilesTests
{
    private static readonly EmbeddedPromptProvider Embedded = new();

    public static TheoryData<string> PromptNames() => [.. Embedded.PromptNames];

    [Fact]
    public void The_embedded_prompts_are_exactly_the_repository_prompts_folder()
    {
        var disk = new FileSystemPromptProvider(RepoPaths.Prompts);
        Embedded.Files.ShouldBe(disk.Files);
        foreach (var file in disk.Files)
        {
            Embedded.ReadText(file).ShouldBe(disk.ReadText(file), file);
        }

        Embedded.PromptNames.ShouldContain("grounded/form-group");
        Embedded.PromptNames.ShouldContain("grounded/narrative");
    }

    [Theory]
    [MemberData(nameof(PromptNames))]
    public void Every_prompt_file_renders_with_its_declared_inputs_and_leaves_no_placeholder(string name)
    {
        var prompt = Embedded.GetPrompt(name);
        prompt.Description.ShouldNotBeNullOrWhiteSpace();
        var values = prompt.Inputs.ToDictionary(i => i, i => $"<value of {i} with {{{{braces}}}}>");

        var rendered = prompt.Render(values);

        foreach (var input in prompt.Inputs)
        {
            rendered.ShouldContain($"<value of {input} with {{{{braces}}}}>");
        }

        // The only "{{" left are those of the values themselves (never expanded).
        rendered.Replace("{{braces}}", "", StringComparison.Ordinal).ShouldNotContain("{{");
    }

    [Fact]
    public void A_placeholder_that_is_not_declared_fails_to_load()
    {
        var ex = Should.Throw<FormatException>(() => PromptTemplate.Parse("x", "---\ndescription: d\ninputs: a\n---\n{{a}} and {{b}}"));
        ex.Message.ShouldContain("'x'");
        ex.Message.ShouldContain("b");
    }

    [Fact]
    public void A_declared_input_that_is_never_used_fails_to_load()
    {
        Should.Throw<FormatException>(() => PromptTemplate.Parse("x", "---\ndescription: d\ninputs: a, b\n---\nonly {{a}}"))
            .Message.ShouldContain("never used");
    }

    [Theory]
    [InlineData("no front matter {{a}}")]
    [InlineData("---\ndescription: d\n---\nbody")]
    [InlineData("---\ninputs: none\n---\nbody")]
    [InlineData("---\ndescription: d\ninputs: none\n---\nbroken {{ placeholder")]
    [InlineData("---\ndescription: d\ninputs: none\nmodel: x\n---\nbody")]
    public void Malformed_prompt_files_fail_to_load(string text) =>
        Should.Throw<FormatException>(() => PromptTemplate.Parse("x", text));

    [Fact]
    public void Rendering_needs_every_input_and_nothing_else()
    {
        var prompt = PromptTemplate.Parse("x", "---\ndescription: d\ninputs: a\n---\n[{{ a }}]");
        prompt.Render(new Dictionary<string, string> { ["a"] = "1" }).ShouldBe("[1]");
        Should.Throw<ArgumentException>(() => prompt.Render(new Dictionary<string, string>()));
        Should.Throw<ArgumentException>(() => prompt.Render(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
    }

    [Fact]
    public void A_prompts_folder_on_disk_is_read_and_cannot_be_escaped()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "grounded"));
        File.WriteAllText(folder.File("grounded/system.md"), "---\ndescription: d\ninputs: none\n---\nhello");
        var provider = new FileSystemPromptProvider(folder.Path);

        provider.GetPrompt("grounded/system").Render(new Dictionary<string, string>()).ShouldBe("hello");
        Should.Throw<FileNotFoundException>(() => provider.ReadText("../outside.md"));
        Should.Throw<FileNotFoundException>(() => provider.GetPrompt("grounded/missing"));
    }
}
