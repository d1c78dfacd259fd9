// Staff: who works in the school, inviting someone new (an email with a link to set a
// password), the invitations sent (send again, withdraw), deactivating a leaver, and
// resetting the second factor of someone who lost their phone and keys.
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { isHandledByApp } from "../../api/client";
import { type Invitation, peopleApi, type StaffMember } from "../../api/people";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { ErrorSummary } from "../../components/ErrorSummary/ErrorSummary";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { TextInput } from "../../components/TextInput/TextInput";
import { formatDate, formatDateTime } from "../../lib/dates";
import {
  errorsFromFailure,
  type FormErrors,
  fieldErrors,
  formError,
  hasErrors,
  noErrors,
} from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { may } from "../../lib/permissions";
import { roleLabel } from "../../lib/roles";
import { useCurrentSession } from "../../session/SessionContext";
import { EditRoles } from "./EditRoles";
import { LoadFailure } from "./NeedsCode";
import { PeopleNav } from "./PeopleNav";
import { ResetSecondFactor } from "./ResetSecondFactor";
import "./people.css";

const ALL_ROLES = [
  "staff",
  "class_teacher",
  "sendco",
  "pastoral",
  "attendance",
  "dsl",
  "deputy_dsl",
  "head",
  "slt",
  "administrator",
];
// Roles that open no pupil records: an administrator may give these.
const NO_RECORD_ROLES = ["staff", "administrator"];

type Field = "name" | "email" | "roles";
const IDS: Record<Field, string> = {
  name: "invite-name",
  email: "invite-email",
  roles: "role-staff",
};

const STATUS: Record<Invitation["status"], string> = {
  pending: "Waiting",
  accepted: "Accepted",
  revoked: "Withdrawn",
  expired: "Expired",
  added: "Added",
};

export function StaffPage() {
  usePageTitle("Staff");
  const session = useCurrentSession();
  const dsl = may(session?.user, "access.grant");
  const [members, setMembers] = useState<StaffMember[]>();
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [loadError, setLoadError] = useState<unknown>();
  const [notice, setNotice] = useState("");
  const [actionError, setActionError] = useState("");
  const [confirming, setConfirming] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const [resetting, setResetting] = useState<string>();

  const load = useCallback(async () => {
    try {
      const [m, i] = await Promise.all([peopleApi.members(), peopleApi.invitations()]);
      setMembers(m.items);
      setInvitations(i.items);
    } catch (error) {
      if (!isHandledByApp(error)) setLoadError(error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(work: () => Promise<unknown>, done: string) {
    setNotice("");
    setActionError("");
    try {
      await work();
      setNotice(done);
      await load();
    } catch (error) {
      if (isHandledByApp(error)) return;
      setActionError(errorsFromFailure(error, {}).summary[0]?.message ?? "That did not work.");
    }
  }

  if (loadError) {
    return (
      <div className="reading-width">
        <PageHeading>Staff</PageHeading>
        <LoadFailure error={loadError} />
      </div>
    );
  }
  if (!members) return <Loading />;

  return (
    <div>
      <PageHeading>Staff</PageHeading>
      <PeopleNav />
      {notice && <output className="notice notice--success">{notice}</output>}
      {actionError && (
        <div className="notice notice--error" role="alert">
          {actionError}
        </div>
      )}
      <InviteForm
        roles={dsl ? ALL_ROLES : NO_RECORD_ROLES}
        dsl={dsl}
        onInvited={async (message) => {
          setActionError("");
          setNotice(message);
          await load();
        }}
      />

      <h2 id="invitations-heading">Invitations</h2>
      {invitations.length === 0 ? (
        <p>No invitations have been sent yet.</p>
      ) : (
        <table className="people-table people-table--stacked" aria-labelledby="invitations-heading">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>
                  <span className="people-table__label">Email: </span>
                  {i.email}
                </td>
                <td>
                  <span className="people-table__label">Roles: </span>
                  {i.roles.map(roleLabel).join(", ")}
                </td>
                <td>
                  <span className="people-table__label">Status: </span>
                  {STATUS[i.status]}
                  {i.status === "pending" && i.expiresAt && (
                    <span className="secondary-text">
                      {" "}
                      until {formatDate(new Date(i.expiresAt))}
                    </span>
                  )}
                </td>
                <td>
                  {(i.status === "pending" || i.status === "expired") && (
                    <>
                      <Button
                        variant="secondary"
                        onClick={() =>
                          act(
                            () => peopleApi.resend(i.id),
                            `The invitation to ${i.email} was sent again.`,
                          )
                        }
                      >
                        Send again<span className="visually-hidden"> to {i.name}</span>
                      </Button>{" "}
                      <Button
                        variant="secondary"
                        onClick={() =>
                          act(
                            () => peopleApi.revoke(i.id),
                            `The invitation to ${i.email} was withdrawn.`,
                          )
                        }
                      >
                        Withdraw<span className="visually-hidden"> invitation to {i.name}</span>
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="members-heading">Staff in this school</h2>
      <table className="people-table people-table--stacked" aria-labelledby="members-heading">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Last signed in</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.accountId}>
              <td>
                {m.name}
                <br />
                <span className="secondary-text">{m.email}</span>
              </td>
              <td>
                <span className="people-table__label">Roles: </span>
                {m.roles.map(roleLabel).join(", ")}
                {m.classes.length > 0 && ` (${m.classes.join(", ")})`}
              </td>
              <td>
                <span className="people-table__label">Last signed in: </span>
                {m.lastSignInAt ? formatDateTime(m.lastSignInAt) : "Never"}
              </td>
              <td>
                <span className="people-table__label">Status: </span>
                {m.active ? "Active" : "Deactivated"}
              </td>
              <td>
                {m.active && m.accountId !== session?.user.id && editing === m.accountId && (
                  <EditRoles
                    member={m}
                    offered={dsl ? ALL_ROLES : NO_RECORD_ROLES}
                    dsl={dsl}
                    onCancel={() => setEditing(undefined)}
                    onDone={async (message) => {
                      setEditing(undefined);
                      setActionError("");
                      setNotice(message);
                      await load();
                    }}
                  />
                )}
                {m.active && resetting === m.accountId && (
                  <ResetSecondFactor
                    member={m}
                    onCancel={() => setResetting(undefined)}
                    onDone={async (message) => {
                      setResetting(undefined);
                      setActionError("");
                      setNotice(message);
                      await load();
                    }}
                  />
                )}
                {m.active &&
                  m.accountId !== session?.user.id &&
                  editing !== m.accountId &&
                  resetting !== m.accountId &&
                  confirming !== m.accountId && (
                    <>
                      <Button variant="secondary" onClick={() => setEditing(m.accountId)}>
                        Change roles<span className="visually-hidden"> of {m.name}</span>
                      </Button>{" "}
                      <Button variant="secondary" onClick={() => setConfirming(m.accountId)}>
                        Deactivate<span className="visually-hidden"> {m.name}</span>
                      </Button>
                      {m.canResetSecondFactor && (
                        <>
                          {" "}
                          <Button variant="secondary" onClick={() => setResetting(m.accountId)}>
                            Reset second factor<span className="visually-hidden"> of {m.name}</span>
                          </Button>
                        </>
                      )}
                    </>
                  )}
                {m.active && confirming === m.accountId && (
                  <>
                    <p>
                      Deactivate {m.name}? They are signed out at once and cannot sign in. What they
                      recorded is kept.
                    </p>
                    <Button
                      variant="warning"
                      onClick={() => {
                        setConfirming(undefined);
                        void act(
                          () => peopleApi.deactivate(m.accountId),
                          `${m.name} was deactivated and signed out.`,
                        );
                      }}
                    >
                      Yes, deactivate {m.name}
                    </Button>{" "}
                    <Button variant="secondary" onClick={() => setConfirming(undefined)}>
                      Cancel
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InviteForm({
  roles,
  dsl,
  onInvited,
}: {
  roles: string[];
  dsl: boolean;
  onInvited: (message: string) => Promise<void>;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [chosen, setChosen] = useState<string[]>(["staff"]);
  const [errors, setErrors] = useState<FormErrors<Field>>(noErrors());
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [sending, setSending] = useState(false);

  function fail(problems: FormErrors<Field>) {
    setErrors(problems);
    setFailedSubmits((n) => n + 1);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const problems = fieldErrors<Field>(
      {
        name: name.trim() ? "" : "Enter the person’s name",
        email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
          ? ""
          : "Enter an email address in the right form, like name@school.org.uk",
        roles: chosen.length > 0 ? "" : "Choose at least one role",
      },
      IDS,
    );
    if (hasErrors(problems)) {
      fail(problems);
      return;
    }
    setSending(true);
    try {
      const made = await peopleApi.invite({
        name: name.trim(),
        email: email.trim(),
        roles: chosen,
      });
      setErrors(noErrors());
      setName("");
      setEmail("");
      setChosen(["staff"]);
      await onInvited(
        made.status === "added"
          ? `${made.email} already has a Tessera account, so they were added to this school and told by email.`
          : `An invitation was emailed to ${made.email}. The link works for 7 days.`,
      );
    } catch (error) {
      if (isHandledByApp(error)) return;
      const problems = errorsFromFailure(error, IDS);
      fail(hasErrors(problems) ? problems : formError("The invitation was not sent."));
    } finally {
      setSending(false);
    }
  }

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a member of staff</h2>
      {hasErrors(errors) && <ErrorSummary errors={errors.summary} focusKey={failedSubmits} />}
      <form noValidate onSubmit={submit} className="reading-width">
        <TextInput
          id={IDS.name}
          label="Name"
          autoComplete="off"
          value={name}
          error={errors.fields.name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextInput
          id={IDS.email}
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          error={errors.fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <fieldset className="role-choices">
          <legend>Roles</legend>
          {!dsl && (
            <p className="hint">
              Roles that open pupils’ records (such as class teacher) are given by your designated
              safeguarding lead.
            </p>
          )}
          {errors.fields.roles && (
            <p className="error-message">
              <span className="visually-hidden">Error:</span> {errors.fields.roles}
            </p>
          )}
          {roles.map((role) => (
            <Checkbox
              key={role}
              id={`role-${role}`}
              label={roleLabel(role)}
              checked={chosen.includes(role)}
              onChange={(e) =>
                setChosen((now) =>
                  e.target.checked ? [...now, role] : now.filter((r) => r !== role),
                )
              }
            />
          ))}
        </fieldset>
        <Button type="submit" disabled={sending}>
          Send invitation
        </Button>
      </form>
    </section>
  );
}
