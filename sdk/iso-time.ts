/**
 * The ISO formatter lives with the API layer, which needs it for its own messages (the
 * organization-wide view's notes on disagreeing dates); the SDK's modules import it from here.
 */
export { isoFromUnixSeconds } from "../provider/iso-time";
