// The provider plugin from a Go program: the same program as examples/yaml, through the Go SDK that
// `pulumi package add ./node_modules/pulumi-openai-certificates/pulumi-plugin/pulumi-resource-openai-certificates`
// generates into sdks/ and links into go.mod (the SDK names the getCertificates function
// LookupCertificates: GetCertificates reads a Certificates resource's state). The admin key comes
// from `openai-certificates:adminApiKey`, never from the program.
package main

import (
	"os"

	certificates "example.com/pulumi-openai-certificates/sdk/go/openaicertificates"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		pem, err := os.ReadFile(cfg.Require("certificateFile"))
		if err != nil {
			return err
		}
		name := cfg.Get("certificateName")
		if name == "" {
			name = "gateway"
		}

		// Read at every preview and update.
		organization, err := certificates.LookupCertificates(ctx, &certificates.LookupCertificatesArgs{Order: pulumi.StringRef("asc")})
		if err != nil {
			return err
		}
		usage, err := certificates.GetCertificateUsage(ctx, &certificates.GetCertificateUsageArgs{})
		if err != nil {
			return err
		}

		// The organization's list, held in the stack: `pulumi preview --policy-pack` fails on an
		// active certificate near expiry.
		listed, err := certificates.NewCertificates(ctx, "organizationCertificates", &certificates.CertificatesArgs{})
		if err != nil {
			return err
		}
		// Refused at preview when the PEM is expired, holds key material or is not a CA certificate.
		gateway, err := certificates.NewCertificate(ctx, "gateway", &certificates.CertificateArgs{
			Certificate: pulumi.String(string(pem)),
			Name:        pulumi.String(name),
		})
		if err != nil {
			return err
		}
		// Refused at preview when the certificate expires within minRemainingValidity (14 days unless set).
		activation, err := certificates.NewCertificateActivation(ctx, "gatewayActivation", &certificates.CertificateActivationArgs{
			CertificateId: gateway.CertificateId,
		})
		if err != nil {
			return err
		}

		ctx.Export("certificateId", gateway.CertificateId)
		ctx.Export("fingerprintSha256", gateway.FingerprintSha256)
		ctx.Export("expiresAt", activation.ExpiresAt)
		ctx.Export("activationScope", activation.Scope)
		// What the functions read during this update.
		ctx.Export("listed", pulumi.Any(organization.Certificates))
		ctx.Export("usage", pulumi.Any(usage.Certificates))
		ctx.Export("stored", listed.Certificates)
		return nil
	})
}
