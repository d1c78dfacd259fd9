// Changing a member of staff's roles, and for the DSL the classes a class teacher teaches.
// An administrator sees only the roles that open no records; the others stay as they are.
import { type FormEvent, useEffect, useState } from "react";
import { isHandledByApp } from "../../api/client";
import { peopleApi, type StaffMember } from "../../api/people";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { errorsFromFailure } from "../../lib/formErrors";
import { roleLabel } from "../../lib/roles";

export function EditRoles({
  member,
  offered,
  dsl,
  onDone,
  onCancel,
}: {
  member: StaffMember;
  /** The roles this person may give or take. */
  offered: string[];
  dsl: boolean;
  onDone: (message: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [roles, setRoles] = useState(member.roles);
  const [classes, setClasses] = useState<{ id: string; name: string }[]>();
  const [chosenClasses, setChosenClasses] = useState<string[]>([]);
  const [error, setError] = useState("");
  const [saving, setSaving] = useState(false);
  const prefix = `edit-${member.accountId}`;

  useEffect(() => {
    if (!dsl) return;
    peopleApi
      .classes()
      .then(({ items }) => {
        setClasses(items);
        setChosenClasses(items.filter((c) => member.classes.includes(c.name)).map((c) => c.id));
      })
      .catch(() => setClasses([]));
  }, [dsl, member.classes]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (roles.length === 0) {
      setError("Choose at least one role");
      return;
    }
    setSaving(true);
    setError("");
    try {
      await peopleApi.setRoles(member.accountId, roles);
      if (dsl) {
        await peopleApi.setClasses(
          member.accountId,
          roles.includes("class_teacher") ? chosenClasses : [],
        );
      }
      await onDone(`${member.name}’s roles were changed.`);
    } catch (failure) {
      if (isHandledByApp(failure)) return;
      setError(errorsFromFailure(failure, {}).summary[0]?.message ?? "That did not work.");
    } finally {
      setSaving(false);
    }
  }

  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  return (
    <form noValidate onSubmit={save}>
      {error && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <fieldset className="role-choices">
        <legend>Roles of {member.name}</legend>
        {offered.map((role) => (
          <Checkbox
            key={role}
            id={`${prefix}-${role}`}
            label={roleLabel(role)}
            checked={roles.includes(role)}
            onChange={(e) => setRoles((now) => toggle(now, role, e.target.checked))}
          />
        ))}
      </fieldset>
      {dsl && roles.includes("class_teacher") && classes && classes.length > 0 && (
        <fieldset className="role-choices">
          <legend>Classes {member.name} teaches</legend>
          {classes.map((c) => (
            <Checkbox
              key={c.id}
              id={`${prefix}-class-${c.id}`}
              label={c.name}
              checked={chosenClasses.includes(c.id)}
              onChange={(e) => setChosenClasses((now) => toggle(now, c.id, e.target.checked))}
            />
          ))}
        </fieldset>
      )}
      <Button type="submit" disabled={saving}>
        Save roles
      </Button>{" "}
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
