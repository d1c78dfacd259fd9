// The browser's WebAuthn answers, as @simplewebauthn/browser sends them; checked in depth
// by the library, here only for shape and size.
import { z } from "zod";

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9_-]*={0,2}$/)
  .max(4096);
export const RegistrationResponse = z.object({
  id: b64,
  rawId: b64,
  type: z.literal("public-key"),
  response: z
    .object({
      clientDataJSON: b64,
      attestationObject: b64,
      transports: z.array(z.string().max(40)).max(10).optional(),
    })
    .loose(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().max(40).optional(),
});
export const AuthenticationResponse = z.object({
  id: b64,
  rawId: b64,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64,
    authenticatorData: b64,
    signature: b64,
    userHandle: b64.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().max(40).optional(),
});
