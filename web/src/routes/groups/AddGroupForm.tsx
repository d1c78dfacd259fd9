// Add a group: its name, and the roles whose holders belong to it (people are added by
// name afterwards).
import { type FormEvent, useState } from "react";
import { groupsApi, type Role } from "../../api/groups";
import { Button } from "../../components/Button/Button";
import { TextInput } from "../../components/TextInput/TextInput";
import { RoleChoices } from "./RoleChoices";
import type { Run } from "./run";

export function AddGroupForm({ busy, run }: { busy: boolean; run: Run }) {
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Enter the group's name.");
      document.getElementById("new-group-name")?.focus();
      return;
    }
    setError("");
    const result = await run(
      () => groupsApi.addGroup({ name: name.trim(), roles }),
      `${name.trim()} added.`,
    );
    if (result === true) {
      setName("");
      setRoles([]);
    } else if (result.name) setError(result.name);
  }

  return (
    <form noValidate className="taxonomy__add" onSubmit={submit}>
      <h3>Add a group</h3>
      <TextInput
        id="new-group-name"
        label="Name"
        hint="For example, KS2 Behaviour."
        value={name}
        maxLength={80}
        error={error || undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <RoleChoices
        id="new-group-roles"
        legend="Roles whose holders belong (optional)"
        roles={roles}
        onChange={setRoles}
      />
      <Button type="submit" disabled={busy}>
        Add group
      </Button>
    </form>
  );
}
