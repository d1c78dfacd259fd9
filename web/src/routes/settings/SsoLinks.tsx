// Who signs in through the school's provider, on the SSO settings page. Unlinking mends a
// wrong or stale link (a provider account deleted and made again is refused as "linked to
// a different account"): the person's next sign-in through the provider links afresh by
// their verified email. The server asks for a second factor and records who did it.
import { useEffect, useState } from "react";
import { isHandledByApp } from "../../api/client";
import { type SsoLink, ssoApi } from "../../api/sso";
import { Button } from "../../components/Button/Button";
import { formatDateTime } from "../../lib/dates";
import { GENERAL_MESSAGES } from "../../lib/formErrors";

export function SsoLinks() {
  const [links, setLinks] = useState<SsoLink[] | null>(null);
  const [notice, setNotice] = useState("");
  const [failed, setFailed] = useState("");
  const [reloads, setReloads] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads loads the list again on purpose.
  useEffect(() => {
    const controller = new AbortController();
    ssoApi.links(controller.signal).then(
      (answer) => setLinks(answer.items),
      (error: unknown) => {
        if (controller.signal.aborted || isHandledByApp(error)) return;
        setFailed(GENERAL_MESSAGES.unreachable);
      },
    );
    return () => controller.abort();
  }, [reloads]);

  async function unlink(link: SsoLink) {
    setFailed("");
    try {
      await ssoApi.unlink(link.id);
      setNotice(
        `${link.name} is no longer linked. Their next sign-in through the school's provider links again by their verified email.`,
      );
      setReloads((count) => count + 1);
    } catch (error) {
      if (isHandledByApp(error)) return;
      setFailed("The link could not be removed. Try again.");
    }
  }

  return (
    <section aria-labelledby="sso-links-heading">
      <h2 id="sso-links-heading">Who signs in through your provider</h2>
      {notice && <output className="notice notice--success">{notice}</output>}
      {failed && (
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      )}
      {links === null ? null : links.length === 0 ? (
        <p>Nobody has signed in through your school's provider yet.</p>
      ) : (
        <ul className="plain-list">
          {links.map((link) => (
            <li key={link.id} className="sso-links__item">
              <p>
                <strong>{link.name}</strong> ({link.email})
                <br />
                <span className="secondary-text">
                  Linked {formatDateTime(link.linkedAt)} as {link.emailAtLink}
                  {link.lastUsedAt ? `; last signed in ${formatDateTime(link.lastUsedAt)}` : ""}
                </span>
              </p>
              <Button variant="secondary" onClick={() => void unlink(link)}>
                Unlink<span className="visually-hidden"> {link.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
