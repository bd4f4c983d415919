import * as pulumi from "@pulumi/pulumi";
import { Duration } from "../provider/api/duration";
import { CERTIFICATE_INPUT_NAMES, IMPORT_ID_INPUT } from "../provider/dynamic/upload-inputs";
import { ACTIVATION_INPUT_NAMES } from "../provider/dynamic/activation-inputs";
import { certificateActivationProvider, certificateProvider } from "../provider/dynamic/serialized-providers";
import { assertKnownKeys } from "../provider/api/arguments";
import { TOKEN_MODULE, dynamicProps, dynamicTypeToken, isResourceOfType, refuseBun } from "./dynamic-resource";

const CERTIFICATE_TOKEN_TYPE = "Certificate";
const ACTIVATION_TOKEN_TYPE = "CertificateActivation";
/** The type token of {@link Certificate}, `pulumi-nodejs:dynamic/openai:Certificate`. */
export const CERTIFICATE_TYPE = dynamicTypeToken(CERTIFICATE_TOKEN_TYPE);
/** The type token of {@link CertificateActivation}, `pulumi-nodejs:dynamic/openai:CertificateActivation`. */
export const CERTIFICATE_ACTIVATION_TYPE = dynamicTypeToken(ACTIVATION_TOKEN_TYPE);

/** Inputs of a {@link Certificate}. */
export interface CertificateArgs {
    /**
     * One certificate, PEM: the CA certificate that directly signs your client certificates, as
     * OpenAI's mutual TLS requires (basic constraints CA, key usage Certificate Sign and CRL Sign,
     * Subject and Authority Key Identifiers, under 16 KB). Alone: no chain, no private key, nothing
     * after it. A new PEM replaces the certificate.
     */
    certificate: pulumi.Input<string>;
    /** A name to find it by; changing it renames the certificate in place. */
    name?: pulumi.Input<string>;
    /**
     * A PEM about to be uploaded must still be valid for this long, or `check` fails during preview
     * and nothing is sent: a certificate the gate would fail on as soon as it is active is refused.
     * Match it to the policy pack's `failWithin`, which a provider cannot read. @default "14d"
     */
    minRemainingValidity?: pulumi.Input<Duration>;
}

/** Inputs of a {@link CertificateActivation}. */
export interface CertificateActivationArgs {
    /** The certificate to activate: usually a {@link Certificate}'s `id`, so that Pulumi orders the two. */
    certificateId: pulumi.Input<string>;
    /** Activate it in this project instead of the organization. */
    projectId?: pulumi.Input<string>;
    /**
     * A certificate about to be switched on (not already active in the scope) must still be valid
     * for this long, or the activation is refused before anything is sent: during preview when the
     * certificate id is known, else in `up` before the request. Changing it never replaces the
     * activation. Match it to the policy pack's `failWithin`. @default "14d"
     */
    minRemainingValidity?: pulumi.Input<Duration>;
}

/**
 * One certificate uploaded to the organization (`POST /organization/certificates`); its `id` is the
 * API's id (`cert_abc`). Uploading does not activate it: add a {@link CertificateActivation}.
 *
 * The PEM is checked locally with `node:crypto` in `check`, during preview, before anything is sent:
 * one CA certificate as OpenAI's mutual TLS requires it, nothing else in the text (no key material
 * under any label or encoding), not expired and not expiring within `minRemainingValidity`. A
 * refusal names what was wrong and never quotes the PEM. Its SHA-256 fingerprint, subject, issuer and dates are known in preview.
 * A new name renames in place; a new PEM replaces (the new one is uploaded first, and an activation
 * that depends on it moves over before the old certificate is deactivated and deleted). Deleting one
 * that is still active fails with a `CertificateStillActiveError`.
 *
 * The `import` resource option adopts a certificate already uploaded: `create` then checks that its
 * PEM (read with `include[]=content`) is the one given, sets the name, and uploads nothing. (Pulumi's
 * import step reads a resource before it has any properties, and a dynamic provider's code is one of
 * them, so the adoption happens in `create`; the preview shows a create.)
 *
 * The admin key comes from the stack config `openai:adminApiKey` (or `openai:adminKey`) or
 * `OPENAI_ADMIN_KEY`, read inside the provider: never an input, never in the state.
 *
 * @example
 * ```ts
 * const cert = new Certificate("gateway-2027", { certificate: fs.readFileSync("gateway-2027.pem", "utf8"), name: "gateway-2027" });
 * new CertificateActivation("gateway", { certificateId: cert.id });
 * ```
 */
export class Certificate extends pulumi.dynamic.Resource {
    /** Lets `validateResourceOfType` and `Certificate.isInstance` recognise this resource. */
    static readonly __pulumiType = CERTIFICATE_TYPE;

    /** Whether `obj` is a `Certificate` resource, even across copies of this package. */
    static override isInstance(obj: unknown): obj is Certificate {
        return isResourceOfType(obj, CERTIFICATE_TYPE);
    }

    /** The PEM. */
    declare readonly certificate: pulumi.Output<string>;
    /** The name OpenAI has for it (`null` when none was given). */
    declare readonly name: pulumi.Output<string | null>;
    declare readonly minRemainingValidity: pulumi.Output<Duration | undefined>;
    /** The API's id, the same as `id`. */
    declare readonly certificateId: pulumi.Output<string>;
    /** SHA-256 of the certificate, colon-separated upper-case hex, from the PEM. */
    declare readonly fingerprintSha256: pulumi.Output<string>;
    /** The subject's distinguished name, from the PEM: `CN=client, O=Example`. */
    declare readonly subject: pulumi.Output<string>;
    /** The issuer's distinguished name, from the PEM. */
    declare readonly issuer: pulumi.Output<string>;
    /** `notBefore`, Unix seconds. */
    declare readonly validAt: pulumi.Output<number>;
    /** `notAfter`, Unix seconds. */
    declare readonly expiresAt: pulumi.Output<number>;
    /** When it was uploaded, Unix seconds. */
    declare readonly createdAt: pulumi.Output<number>;

    constructor(name: string, args: CertificateArgs, opts?: pulumi.CustomResourceOptions) {
        refuseBun(`Certificate "${name}"`);
        assertKnownKeys(args, CERTIFICATE_INPUT_NAMES, `Certificate "${name}"`);
        const props = dynamicProps(args, CERTIFICATE_INPUT_NAMES, ["certificateId", "fingerprintSha256", "subject", "issuer", "validAt", "expiresAt", "createdAt"]);
        let options = opts;
        if (opts?.import !== undefined) {
            props[IMPORT_ID_INPUT] = opts.import;
            options = { ...opts, import: undefined };
        }
        super(certificateProvider, name, props, options, TOKEN_MODULE, CERTIFICATE_TOKEN_TYPE);
    }
}

/**
 * One certificate active in the organization, or in one project. Its `id` is
 * `organization/<certificateId>` or `project/<projectId>/<certificateId>`. Create activates, delete
 * deactivates. A certificate that is expired, or within `minRemainingValidity`, is never switched on
 * (one already active in the scope is taken over with nothing sent); another certificate or project replaces it, the new activation first. `pulumi refresh`
 * notices a certificate deactivated outside Pulumi: the activation leaves the state, and the next
 * preview shows it being created again.
 *
 * @example
 * ```ts
 * new CertificateActivation("payments", { certificateId: cert.id, projectId: "proj_payments" });
 * ```
 */
export class CertificateActivation extends pulumi.dynamic.Resource {
    /** Lets `validateResourceOfType` and `CertificateActivation.isInstance` recognise this resource. */
    static readonly __pulumiType = CERTIFICATE_ACTIVATION_TYPE;

    /** Whether `obj` is a `CertificateActivation` resource, even across copies of this package. */
    static override isInstance(obj: unknown): obj is CertificateActivation {
        return isResourceOfType(obj, CERTIFICATE_ACTIVATION_TYPE);
    }

    declare readonly certificateId: pulumi.Output<string>;
    declare readonly projectId: pulumi.Output<string | undefined>;
    declare readonly minRemainingValidity: pulumi.Output<Duration | undefined>;
    /** `organization` or `project`. */
    declare readonly scope: pulumi.Output<"organization" | "project">;
    /** The certificate's expiry (`notAfter`), Unix seconds, as OpenAI reported it when the activation was checked. */
    declare readonly expiresAt: pulumi.Output<number>;
    /** The certificate's start of validity, Unix seconds. */
    declare readonly validAt: pulumi.Output<number>;
    /** The certificate's name on OpenAI (`null` when it has none). */
    declare readonly certificateName: pulumi.Output<string | null>;
    /** When the certificate was uploaded, Unix seconds. */
    declare readonly certificateCreatedAt: pulumi.Output<number>;

    constructor(name: string, args: CertificateActivationArgs, opts?: pulumi.CustomResourceOptions) {
        refuseBun(`CertificateActivation "${name}"`);
        assertKnownKeys(args, ACTIVATION_INPUT_NAMES, `CertificateActivation "${name}"`);
        super(certificateActivationProvider, name, dynamicProps(args, ACTIVATION_INPUT_NAMES, ["scope", "expiresAt", "validAt", "certificateName", "certificateCreatedAt"]), opts, TOKEN_MODULE, ACTIVATION_TOKEN_TYPE);
    }
}
