import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "../provider/api/certificate";
import { CertificateUsage } from "../provider/api/certificate-usage";
import { CertificateKeyFields } from "../provider/api/certificate-keys";
import { SortOrder } from "../provider/api/certificates-query";
import { CERTIFICATES_INPUT_NAMES, CertificatesResourceInputs, OnReadError, ReadError } from "../provider/dynamic/list-inputs";
import { certificatesProvider } from "../provider/dynamic/serialized-providers";
import { assertKnownKeys } from "../provider/api/arguments";
import { NODE_RUNTIME, TOKEN_MODULE, dynamicProps, dynamicTypeToken, isResourceOfType, refuseBun } from "./dynamic-resource";

/**
 * Inputs of a {@link Certificates} resource: those its provider checks ({@link CertificatesResourceInputs}),
 * each as a `pulumi.Input`. The admin key is never one: see the class docs.
 */
export type CertificatesArgs = { [K in keyof CertificatesResourceInputs]?: pulumi.Input<CertificatesResourceInputs[K]> };

const TOKEN_TYPE = "Certificates";

/** The type token, `pulumi-nodejs:dynamic/openai:Certificates`: a policy can match `args.type` against it. */
export const CERTIFICATES_TYPE = dynamicTypeToken(TOKEN_TYPE);

/**
 * The certificate list of an organization or project, held in the stack. Its provider reads the list
 * in `check`, so the data is known during `pulumi preview` and visible to resource policies (the
 * policy pack gates on it); `pulumi refresh` reads it again, and a change in the list shows as an
 * update. Deleting it removes nothing from OpenAI.
 *
 * The admin key comes from the stack config `openai:adminApiKey` (set it with
 * `pulumi config set --secret openai:adminApiKey`; `openai:adminKey` is read as an alias) or the
 * environment variable `OPENAI_ADMIN_KEY`, read inside the provider: it is never an input and never
 * reaches the state.
 *
 * It needs Node.js: on Bun the constructor throws an {@link UnsupportedRuntimeError}, because a
 * dynamic resource's provider is stored as serialized JavaScript and Bun cannot serialize functions.
 *
 * @example
 * ```ts
 * const org = new Certificates("org-certificates", {});
 * const payments = new Certificates("payments-certificates", { projectId: "proj_abc", activeOnly: true });
 * export const soonest = org.certificates.apply((cs) => cs.map((c) => c.expiresAt));
 * ```
 */
export class Certificates extends pulumi.dynamic.Resource {
    /** Lets `validateResourceOfType` and `Certificates.isInstance` recognise this resource. */
    static readonly __pulumiType = CERTIFICATES_TYPE;

    /** Whether `obj` is a `Certificates` resource, even across copies of this package (the SDK sets `__pulumiType` on every resource). */
    static override isInstance(obj: unknown): obj is Certificates {
        return isResourceOfType(obj, CERTIFICATES_TYPE);
    }

    declare readonly baseUrl: pulumi.Output<string>;
    declare readonly projectId: pulumi.Output<string | undefined>;
    declare readonly order: pulumi.Output<SortOrder>;
    declare readonly pageSize: pulumi.Output<number>;
    declare readonly maxRetries: pulumi.Output<number>;
    declare readonly timeoutMs: pulumi.Output<number>;
    declare readonly maxPages: pulumi.Output<number>;
    declare readonly namePattern: pulumi.Output<string | undefined>;
    declare readonly activeOnly: pulumi.Output<boolean>;
    declare readonly onReadError: pulumi.Output<OnReadError>;
    declare readonly allProjects: pulumi.Output<boolean>;
    declare readonly includeArchived: pulumi.Output<boolean>;
    declare readonly concurrency: pulumi.Output<number>;
    /**
     * Every certificate in the scope (after `namePattern` and `activeOnly`); with `allProjects`, with
     * where each is active. Each active one carries its `subject` and `publicKeySha256` (read once from
     * its content, for renewals), or `contentProblem` when its content could not be read.
     */
    declare readonly certificates: pulumi.Output<Array<Certificate & Partial<CertificateUsage> & CertificateKeyFields>>;
    /** The read error, when `onReadError` is `warn` and the list could not be read. */
    declare readonly readError: pulumi.Output<ReadError | undefined>;
    /**
     * When the provider stored a read of the list (ISO-8601 UTC): at create, at an update that found the
     * list changed, and at `pulumi refresh`. An update that finds the list unchanged keeps the outputs,
     * so this can be older than the latest read; the policy pack judges the stored inputs, which hold
     * the latest. Absent in states stored by 0.1.0 and early 0.2.0 builds until their next update or refresh.
     */
    declare readonly readAt: pulumi.Output<string | undefined>;

    constructor(name: string, args: CertificatesArgs = {}, opts?: pulumi.CustomResourceOptions) {
        refuseBun(
            `Certificates "${name}"`,
            "On Bun, read the list with getCertificates (or getCertificatesOutput) and gate with assertCertificateExpiry (or " +
                "assertCertificateExpiryOutput); in CI, `openai-certs check` gates without Pulumi. To keep the Certificates resource and the policy pack, " +
                `run the program on Node.js (${NODE_RUNTIME}).`,
        );
        assertKnownKeys(args, CERTIFICATES_INPUT_NAMES, `Certificates "${name}"`);
        super(certificatesProvider, name, dynamicProps(args, CERTIFICATES_INPUT_NAMES, ["certificates", "readError", "readAt"]), opts, TOKEN_MODULE, TOKEN_TYPE);
    }
}
