// Sending email. With SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) mail goes
// to that server; without it (the demo) each message is written to the log instead.
// Messages never carry record content: who raised it, the category, a link.
import nodemailer from "nodemailer";

/** How a school signs its emails (school settings: emailSender). */
export interface MailSender {
  displayName?: string | undefined;
  replyTo?: string | undefined;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per job, so a receiving system can drop a repeat (delivery is at-least-once). */
  messageId: string;
  /** The school's name for itself and its Reply-To; absent for account emails. */
  sender?: MailSender | undefined;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * The From of one message. A school chooses only the display name: the address stays the
 * instance's MAIL_FROM, because that is the domain whose SPF and DKIM records let the
 * mail through. Sending as the school's own address would fail DMARC at the receiver and
 * land in spam, or be refused. Replies can still reach the school through Reply-To.
 */
export function fromFor(instanceFrom: string, sender: MailSender | undefined) {
  // MAIL_FROM is "Name <address>" or a bare address.
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(instanceFrom);
  const address = match?.[2]?.trim() ?? instanceFrom.trim();
  const name = sender?.displayName ?? match?.[1]?.trim() ?? "";
  // An address object: nodemailer quotes and encodes the name, so no name can add a header.
  return name ? { name, address } : address;
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
        from: fromFor(options.from, m.sender),
        ...(m.sender?.replyTo ? { replyTo: m.sender.replyTo } : {}),
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
      });
    },
    close: () => transport.close(),
  };
}
