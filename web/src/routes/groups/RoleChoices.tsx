// The roles whose holders belong to a group: one checkbox each.
import { GROUP_ROLES, type Role } from "../../api/groups";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { roleLabel } from "../../lib/roles";

export function RoleChoices({
  id,
  legend,
  roles,
  onChange,
}: {
  id: string;
  legend: string;
  roles: Role[];
  onChange: (roles: Role[]) => void;
}) {
  return (
    <fieldset className="fieldset" aria-describedby={`${id}-hint`}>
      <legend className="fieldset__legend">{legend}</legend>
      <p className="hint" id={`${id}-hint`}>
        Everyone holding a role you tick is in the group, now and when the role is given later.
      </p>
      <div className="groups__roles">
        {GROUP_ROLES.map((role) => (
          <Checkbox
            key={role}
            id={`${id}-${role}`}
            label={roleLabel(role)}
            checked={roles.includes(role)}
            onChange={(event) =>
              onChange(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
