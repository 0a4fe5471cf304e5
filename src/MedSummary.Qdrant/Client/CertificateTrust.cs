using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MedSummary.Qdrant.Client;

/// <summary>
/// TLS validation for a server whose certificate comes from an in-house authority: the chain must end at the
/// configured CA (or at a system root, as usual), the name must match, and nothing else is waived.
/// </summary>
public static class CertificateTrust
{
    /// <summary>Reads a CA certificate file, PEM or DER.</summary>
    public static X509Certificate2 LoadCa(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = File.ReadAllBytes(path);
        try
        {
            return X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
    }

    /// <summary>A validation callback trusting the system roots and <paramref name="ca"/>.</summary>
    public static RemoteCertificateValidationCallback Validator(X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        return (_, certificate, _, errors) => IsTrusted(certificate, errors, ca);
    }

    /// <summary>
    /// True when the system already trusts the certificate, or when the only problem is an untrusted root and the
    /// chain, built again with <paramref name="ca"/> as its only trust anchor, is valid.
    /// </summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            // A name mismatch or no certificate at all is never excused.
            return false;
        }

        // The certificate given belongs to the caller; only a copy made here is ours to dispose.
        var copy = certificate is X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(copy ?? (X509Certificate2)certificate);
        }
        finally
        {
            copy?.Dispose();
        }
    }
}
