// Who to alert: the school's groups as toggle buttons, and staff by name (a search box),
// with the people chosen as removable chips. Shared by Add incident and Add action.
import type { ReactNode } from "react";
import { type Group, incidentsApi, type StaffMember } from "../../api/incidents";
import { Button } from "../Button/Button";
import { Combobox } from "../PupilPicker/Combobox";

export function StaffOption({ staff }: { staff: StaffMember }) {
  return (
    <span className="pupil-option__text">
      <strong>{staff.name}</strong>
      {staff.jobTitle && <span className="secondary-text">{staff.jobTitle}</span>}
    </span>
  );
}

interface AlertPickerProps {
  /** The search box's id (error summaries link to it). */
  id: string;
  legend: string;
  hint: string;
  groups: Group[];
  groupIds: string[];
  users: StaffMember[];
  error?: string | undefined;
  onChange: (changes: { groupIds?: string[]; users?: StaffMember[] }) => void;
  /** Shown at the end of the fieldset (e.g. who will be alerted). */
  children?: ReactNode;
}

export function AlertPicker({
  id,
  legend,
  hint,
  groups,
  groupIds,
  users,
  error,
  onChange,
  children,
}: AlertPickerProps) {
  const toggle = (groupId: string) =>
    groupIds.includes(groupId) ? groupIds.filter((g) => g !== groupId) : [...groupIds, groupId];
  return (
    <fieldset className="fieldset" aria-describedby={`${id}-fieldset-hint`}>
      <legend className="fieldset__legend">{legend}</legend>
      <p className="hint" id={`${id}-fieldset-hint`}>
        {hint}
      </p>
      {groups.length > 0 && (
        <div className="toggle-buttons">
          {groups.map((group) => (
            <Button
              key={group.id}
              variant="secondary"
              aria-pressed={groupIds.includes(group.id)}
              onClick={() => onChange({ groupIds: toggle(group.id) })}
            >
              {group.name}
            </Button>
          ))}
        </div>
      )}
      {users.length > 0 && (
        <ul className="chips" aria-label="Staff you chose to alert">
          {users.map((user) => (
            <li key={user.id} className="chip">
              {user.name}
              <button
                type="button"
                className="chip__remove"
                onClick={() => onChange({ users: users.filter((u) => u.id !== user.id) })}
              >
                Remove<span className="visually-hidden"> {user.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Combobox<StaffMember>
        id={id}
        label="Alert someone by name"
        error={error}
        noun="staff"
        search={(text, signal) => incidentsApi.staff(text, signal).then((r) => r.items)}
        renderOption={(staff) => <StaffOption staff={staff} />}
        exclude={users.map((user) => user.id)}
        onChoose={(staff) => onChange({ users: [...users, staff] })}
      />
      {children}
    </fieldset>
  );
}
