// Find a pupil: the same pupil picker as Add incident; choosing a pupil opens their page.
import { useNavigate } from "react-router";
import { incidentsApi, type PupilSummary } from "../../api/incidents";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { Combobox } from "../../components/PupilPicker/Combobox";
import { PupilOption } from "../../components/PupilPicker/PupilOption";
import { usePageTitle } from "../../lib/pageTitle";

export function FindPupilPage() {
  const navigate = useNavigate();
  usePageTitle("Find a pupil");
  return (
    <div className="reading-width">
      <PageHeading>Find a pupil</PageHeading>
      <Combobox<PupilSummary>
        id="find-pupil"
        label="Pupil’s name"
        hint="Type part of their first name or surname, then choose the right child."
        noun="pupils"
        search={(text, signal) => incidentsApi.pupils(text, signal).then((answer) => answer.items)}
        renderOption={(pupil) => <PupilOption pupil={pupil} />}
        onChoose={(pupil) => navigate(`/pupils/${pupil.id}`)}
      />
      <p className="secondary-text">
        You can find any pupil at your school. You can open the records only of pupils you are
        allowed to see, but you can always add an incident about any pupil.
      </p>
    </div>
  );
}
