using System.Text;

namespace MedSummary.LlamaCpp.Models;

/// <summary>
/// The vocabulary as a tree where each token's parent is the longest other token its text starts with, so that a
/// grammar-constrained search can skip whole subtrees. llama.cpp's character grammars reject a token only at a byte
/// where no parse can continue, so a token whose prefix is rejected is rejected too: checking a token only when its
/// parent was accepted finds exactly the tokens a pass over the whole vocabulary finds, after checking a few thousand
/// instead of 150,000 where the schema allows little (a key, a quote, a digit).
/// Texts are the ones llama.cpp's grammar reads (control tokens spelled out). End-of-generation tokens, which the
/// grammar judges by the parse being complete rather than by their text, and tokens without text are roots and
/// parents of nothing, so they are always checked themselves.
/// </summary>
internal sealed class TokenPrefixTree
{
    private readonly int[] _roots;
    private readonly int[] _childStart;
    private readonly int[] _children;

    private TokenPrefixTree(int[] roots, int[] childStart, int[] children)
    {
        _roots = roots;
        _childStart = childStart;
        _children = children;
    }

    /// <summary>Tokens with no parent: checked first in every search.</summary>
    public ReadOnlySpan<int> Roots => _roots;

    /// <summary>Tokens whose parent is <paramref name="token"/>.</summary>
    public ReadOnlySpan<int> ChildrenOf(int token) => _children.AsSpan(_childStart[token], _childStart[token + 1] - _childStart[token]);

    public static TokenPrefixTree Build(LlamaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var count = model.VocabularySize;
        var texts = new string?[count];
        var byText = new Dictionary<string, int>(count, StringComparer.Ordinal);
        Span<byte> buffer = stackalloc byte[256];
        for (var id = 0; id < count; id++)
        {
            var n = model.TokenToPiece(id, buffer, special: true);
            var bytes = n >= 0 ? buffer[..n].ToArray() : Piece(model, id, -n);
            if (bytes.Length == 0 || bytes[0] == 0 || model.IsEndOfGeneration(id))
            {
                continue;
            }

            // Latin-1 keeps one char per byte: prefixes of the key are prefixes of the bytes.
            var text = Encoding.Latin1.GetString(bytes);
            texts[id] = text;
            byText.TryAdd(text, id);
        }

        var parent = new int[count];
        var childCount = new int[count + 1];
        var roots = new List<int>();
        for (var id = 0; id < count; id++)
        {
            parent[id] = -1;
            if (texts[id] is { } text)
            {
                for (var length = text.Length - 1; length > 0; length--)
                {
                    if (byText.TryGetValue(text[..length], out var p))
                    {
                        parent[id] = p;
                        childCount[p]++;
                        break;
                    }
                }
            }

            if (parent[id] < 0)
            {
                roots.Add(id);
            }
        }

        var childStart = new int[count + 1];
        for (var id = 0; id < count; id++)
        {
            childStart[id + 1] = childStart[id] + childCount[id];
        }

        var children = new int[childStart[count]];
        var filled = new int[count];
        for (var id = 0; id < count; id++)
        {
            if (parent[id] is var p and >= 0)
            {
                children[childStart[p] + filled[p]++] = id;
            }
        }

        return new TokenPrefixTree([.. roots], childStart, children);
    }

    private static byte[] Piece(LlamaModel model, int id, int length)
    {
        var big = new byte[length];
        var n = model.TokenToPiece(id, big, special: true);
        return big[..Math.Max(0, n)];
    }
}
