using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MedSummary.Qdrant.Client;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Hosting;

/// <summary>TLS to a server whose certificate comes from an in-house CA (certificates made by the test).</summary>
public sealed class CertificateTrustTests : IDisposable
{
    private readonly X509Certificate2 _ca = TestCertificates.Authority("CN=MedSummary Test CA");
    private readonly X509Certificate2 _otherCa = TestCertificates.Authority("CN=Someone Else");

    [Fact]
    public void A_certificate_from_the_configured_ca_is_trusted_and_one_from_another_is_not()
    {
        using var leaf = TestCertificates.Server(_ca, "qdrant.hopital.example");
        using var foreign = TestCertificates.Server(_otherCa, "qdrant.hopital.example");

        CertificateTrust.IsTrusted(leaf, SslPolicyErrors.RemoteCertificateChainErrors, _ca).ShouldBeTrue();
        CertificateTrust.IsTrusted(foreign, SslPolicyErrors.RemoteCertificateChainErrors, _ca).ShouldBeFalse();
    }

    [Fact]
    public void A_name_mismatch_or_no_certificate_is_never_excused()
    {
        using var leaf = TestCertificates.Server(_ca, "qdrant.hopital.example");

        CertificateTrust.IsTrusted(leaf, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, _ca).ShouldBeFalse();
        CertificateTrust.IsTrusted(null, SslPolicyErrors.RemoteCertificateNotAvailable, _ca).ShouldBeFalse();
        CertificateTrust.IsTrusted(leaf, SslPolicyErrors.None, _ca).ShouldBeTrue();
    }

    [Fact]
    public void The_ca_file_may_be_pem_or_der()
    {
        var folder = Directory.CreateTempSubdirectory("medsummary-ca");
        try
        {
            var pem = Path.Combine(folder.FullName, "ca.pem");
            var der = Path.Combine(folder.FullName, "ca.cer");
            File.WriteAllText(pem, _ca.ExportCertificatePem());
            File.WriteAllBytes(der, _ca.Export(X509ContentType.Cert));

            using var fromPem = CertificateTrust.LoadCa(pem);
            using var fromDer = CertificateTrust.LoadCa(der);

            fromPem.Thumbprint.ShouldBe(_ca.Thumbprint);
            fromDer.Thumbprint.ShouldBe(_ca.Thumbprint);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }
}
