// One group: its members (by role, or added by name — only those can be taken out), and
// renaming, changing roles, switching it off, adding someone by name.
import { type FormEvent, useState } from "react";
import { groupsApi, type ManagedGroup, type Role } from "../../api/groups";
import { incidentsApi, type StaffMember } from "../../api/incidents";
import { StaffOption } from "../../components/AlertPicker/AlertPicker";
import { Button } from "../../components/Button/Button";
import { Combobox } from "../../components/PupilPicker/Combobox";
import { roleLabel } from "../../lib/roles";
import { NameForm } from "../taxonomy/NameForm";
import { RoleChoices } from "./RoleChoices";
import type { Run } from "./run";

interface Props {
  group: ManagedGroup;
  mayChange: boolean;
  busy: boolean;
  run: Run;
}

export function GroupEntry({ group, mayChange, busy, run }: Props) {
  const [open, setOpen] = useState<"rename" | "roles" | null>(null);
  const [nameError, setNameError] = useState("");
  const [roles, setRoles] = useState<Role[]>(group.roles);
  const [memberError, setMemberError] = useState("");

  async function rename(name: string) {
    const result = await run(
      () => groupsApi.changeGroup(group.id, { name: name.trim() }),
      `${group.name} is now called ${name.trim()}.`,
    );
    if (result === true) setOpen(null);
    else setNameError(result.name ?? "");
  }

  async function saveRoles(event: FormEvent) {
    event.preventDefault();
    const result = await run(
      () => groupsApi.changeGroup(group.id, { roles }),
      `The roles in ${group.name} are changed.`,
    );
    if (result === true) setOpen(null);
  }

  async function add(person: StaffMember) {
    const result = await run(
      () => groupsApi.addMember(group.id, person.id),
      `${person.name} added to ${group.name}.`,
    );
    setMemberError(result === true ? "" : (result.accountId ?? ""));
  }

  return (
    <div className="taxonomy__entry">
      <h3 className="taxonomy__name">
        <span className={group.active ? undefined : "taxonomy__hidden-name"}>{group.name}</span>
        {!group.active && <span className="taxonomy__tag">Switched off</span>}
      </h3>
      <p className="secondary-text">
        {group.roles.length > 0
          ? `Everyone who is: ${group.roles.map(roleLabel).join("; ")}.`
          : "No roles: members are added by name."}
      </p>
      {group.members.length > 0 ? (
        <ul className="groups__members" aria-label={`Members of ${group.name}`}>
          {group.members.map((member) => (
            <li key={member.accountId} className="groups__member">
              <span>
                {member.name}
                {member.byRole && <span className="secondary-text"> (by role)</span>}
              </span>
              {member.byName && (
                <Button
                  variant="secondary"
                  disabled={!mayChange || busy}
                  onClick={() =>
                    run(
                      () => groupsApi.removeMember(group.id, member.accountId),
                      `${member.name} taken out of ${group.name}.`,
                    )
                  }
                >
                  Take out<span className="visually-hidden"> {member.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>Nobody is in this group yet.</p>
      )}

      {open === "rename" && (
        <NameForm
          id={`rename-group-${group.id}`}
          label={`New name for the group ${group.name}`}
          initial={group.name}
          saveLabel="Save name"
          error={nameError || undefined}
          busy={busy}
          onCancel={() => setOpen(null)}
          onSave={(name) => void rename(name)}
        />
      )}
      {open === "roles" && (
        <form noValidate className="taxonomy__form" onSubmit={saveRoles}>
          <RoleChoices
            id={`roles-${group.id}`}
            legend={`Roles whose holders belong to ${group.name}`}
            roles={roles}
            onChange={setRoles}
          />
          <div className="taxonomy__buttons">
            <Button type="submit" disabled={busy}>
              Save roles
            </Button>
            <Button variant="secondary" onClick={() => setOpen(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {open === null && mayChange && (
        <>
          <div className="taxonomy__buttons">
            <Button
              variant="secondary"
              onClick={() => {
                setNameError("");
                setOpen("rename");
              }}
            >
              Rename<span className="visually-hidden"> {group.name}</span>
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setRoles(group.roles);
                setOpen("roles");
              }}
            >
              Change roles<span className="visually-hidden"> of {group.name}</span>
            </Button>
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() =>
                run(
                  () => groupsApi.changeGroup(group.id, { active: !group.active }),
                  group.active
                    ? `${group.name} is switched off: staff no longer see it, and its rules stop.`
                    : `${group.name} is switched on again.`,
                )
              }
            >
              {group.active ? "Switch off" : "Switch on"}
              <span className="visually-hidden"> {group.name}</span>
            </Button>
          </div>
          <Combobox<StaffMember>
            id={`add-member-${group.id}`}
            label={`Add someone to ${group.name}`}
            error={memberError || undefined}
            noun="staff"
            search={(text, signal) => incidentsApi.staff(text, signal).then((r) => r.items)}
            renderOption={(staff) => <StaffOption staff={staff} />}
            exclude={group.members.filter((m) => m.byName).map((m) => m.accountId)}
            onChoose={(staff) => void add(staff)}
          />
        </>
      )}
    </div>
  );
}
