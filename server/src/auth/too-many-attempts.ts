import type { FastifyReply } from "fastify";
import { Problem } from "../http/problem.ts";

/** 429 with Retry-After, for throttled sign-in, unlock and second-factor attempts. */
export function tooManyAttempts(reply: FastifyReply, waitMs: number): Problem {
  const seconds = Math.ceil(waitMs / 1000);
  reply.header("retry-after", String(seconds));
  return new Problem(
    429,
    "rate-limited",
    "Too many attempts",
    `There have been several attempts that did not work. Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
  );
}
