/**
 * An OpenAI-compatible fake of the certificate and project endpoints, reads and writes (upload,
 * rename, delete, activate and deactivate at organization and project scope), for the demo, our
 * tests and users' own tests. Import it as `pulumi-openai-certificates/fake-api`.
 */
export { DEFAULT_FAKE_ADMIN_KEY, FakeOpenAI, FakeOpenAIOptions, FakeRequestRecord, startFakeOpenAI } from "./server";
export { FaultAction, FaultRule, ReflectionEncoding } from "./faults";
export {
    CertificateSpec,
    FakeCertificate,
    FakeOrganizationState,
    FakeProject,
    OrganizationSpec,
    ProjectSpec,
    certificate,
    organization,
    project,
} from "./model";
export { FAKE_API_LIMITS, FakeApiLimits } from "./limits";
export { OrganizationSpecCodec, SeedFileError, readSeedFile } from "./seed-file";
export { seededRandom } from "./random";
// The types that the fake's signatures name.
export { AuthState } from "./auth";
export { Duration } from "../provider/api/duration";
export { HostLookup, ResolvedAddress } from "../provider/api/loopback";
export { OpenAICertificatesError } from "../provider/api/errors/base";
