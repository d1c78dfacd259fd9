// A real SMTP server on loopback for the tests: messages are parsed as a mail client would.
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtp {
  url: string;
  messages: ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Leaves out new-device sign-in notices (auth/known-devices.ts): every test that signs in
 * from a fresh cookie jar causes one, and tests about other emails are not about them.
 */
export function withoutSignInNotices(mails: ParsedMail[]): ParsedMail[] {
  return mails.filter((m) => m.subject !== "A new sign-in to your Tessera account");
}
