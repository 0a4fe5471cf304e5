using System.Runtime.InteropServices;

namespace MedSummary.LlamaCpp.Native;

/// <summary>Owns a llama_model; freed once, after every context made from it (contexts hold a reference).</summary>
internal sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    internal SafeLlamaModelHandle(nint handle)
        : this()
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_model_free(handle);
        return true;
    }
}

/// <summary>Owns a llama_context and keeps its model alive until the context is freed.</summary>
internal sealed class SafeLlamaContextHandle : SafeHandle
{
    private readonly SafeLlamaModelHandle? _model;
    private bool _modelRefAdded;

    public SafeLlamaContextHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    internal SafeLlamaContextHandle(nint handle, SafeLlamaModelHandle model)
        : this()
    {
        _model = model;
        model.DangerousAddRef(ref _modelRefAdded);
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_free(handle);
        if (_modelRefAdded)
        {
            _model!.DangerousRelease();
        }

        return true;
    }
}

/// <summary>Owns a llama_sampler (a chain frees the samplers added to it).</summary>
internal sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    internal SafeLlamaSamplerHandle(nint handle)
        : this()
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_sampler_free(handle);
        return true;
    }
}
