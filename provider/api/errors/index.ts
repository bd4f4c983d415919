export { OpenAICertificatesError } from "./base";
export { AdminKeyConflictError, InvalidArgumentError, MissingAdminKeyError } from "./argument-error";
export {
    APIError,
    APIErrorDetails,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryAfterTooLongError,
} from "./api-error";
export { APIConnectionError, APITimeoutError, RedirectRefusedError, RequestAbortedError } from "./connection-error";
export {
    CredentialInResponseError,
    ResponseParseError,
    ResponseTooDeepError,
    ResponseTooLargeError,
    ResponseValidationError,
    ValidationIssue,
} from "./response-error";
export { PaginationError, PaginationErrorCode } from "./pagination-error";
export { ListTooLargeError } from "./list-too-large-error";
export { ActivationRefusedError, CertificateMismatchError, CertificateStillActiveError } from "./certificate-write-error";
