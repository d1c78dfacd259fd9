// Sending email. With SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) mail goes
// to that server; without it (the demo) each message is written to the log instead.
// Messages never carry record content: who raised it, the category, a link.
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per job, so a receiving system can drop a repeat (delivery is at-least-once). */
  messageId: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(
  options: { smtpUrl?: string | undefined; from: string },
  log: (line: string) => void,
): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(m) {
        log(`Email (not sent: no SMTP_URL) to ${m.to}: ${m.subject}\n${m.text}`);
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(m) {
      await transport.sendMail({
        from: options.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
      });
    },
    close: () => transport.close(),
  };
}
