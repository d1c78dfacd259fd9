import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { HideScreenProvider } from "./components/HideScreen/HideScreen";
import { Layout } from "./components/Layout/Layout";
import { Loading } from "./components/Loading/Loading";
import { AccountPage } from "./routes/account/AccountPage";
import { AuthenticatorPage } from "./routes/account/AuthenticatorPage";
import { ChangePasswordPage } from "./routes/account/ChangePasswordPage";
import { DevicesPage } from "./routes/account/DevicesPage";
import { SecurityKeysPage } from "./routes/account/SecurityKeysPage";
import { SessionsPage } from "./routes/account/SessionsPage";
import { AgreementPage } from "./routes/agreement/AgreementPage";
import { HomePage } from "./routes/home/HomePage";
import { RequireSignIn } from "./routes/home/RequireSignIn";
import { NotFoundPage } from "./routes/not-found/NotFoundPage";
import { SecondFactorPage } from "./routes/second-factor/SecondFactorPage";
import { ForgottenPasswordPage } from "./routes/sign-in/ForgottenPasswordPage";
import { ResetPasswordPage } from "./routes/sign-in/ResetPasswordPage";
import { SignInPage } from "./routes/sign-in/SignInPage";
import { TrainingPage } from "./routes/training/TrainingPage";
import { HideScreenPasswordReturn } from "./session/HideScreenPasswordReturn";
import { IdleLock } from "./session/IdleLock";
import { SessionProvider } from "./session/SessionContext";

/** A page for signed-in people who have accepted the agreement (and done any training). */
const ready = (page: ReactNode) => <RequireSignIn>{page}</RequireSignIn>;
/** A step on the way in: signed in is enough. */
const signedIn = (page: ReactNode) => <RequireSignIn gate="signed-in">{page}</RequireSignIn>;

// The incident pages are loaded when first needed, to keep the first load small.
const AddIncidentPage = lazy(() =>
  import("./routes/incidents/AddIncidentPage").then((m) => ({ default: m.AddIncidentPage })),
);
const IncidentPage = lazy(() =>
  import("./routes/incidents/IncidentPage").then((m) => ({ default: m.IncidentPage })),
);
const IncidentHistoryPage = lazy(() =>
  import("./routes/incidents/IncidentPage").then((m) => ({ default: m.IncidentHistoryPage })),
);
const ActionPage = lazy(() =>
  import("./routes/incidents/ActionPage").then((m) => ({ default: m.ActionPage })),
);
const ActionHistoryPage = lazy(() =>
  import("./routes/incidents/ActionPage").then((m) => ({ default: m.ActionHistoryPage })),
);
// The pupil pages, likewise.
const FindPupilPage = lazy(() =>
  import("./routes/pupils/FindPupilPage").then((m) => ({ default: m.FindPupilPage })),
);
const PupilPage = lazy(() =>
  import("./routes/pupils/PupilPage").then((m) => ({ default: m.PupilPage })),
);
const AccessLogPage = lazy(() =>
  import("./routes/pupils/AccessLogPage").then((m) => ({ default: m.AccessLogPage })),
);
const SchoolSettingsPage = lazy(() =>
  import("./routes/settings/SchoolSettingsPage").then((m) => ({ default: m.SchoolSettingsPage })),
);
const ReviewSettingsPage = lazy(() =>
  import("./routes/settings/ReviewSettingsPage").then((m) => ({ default: m.ReviewSettingsPage })),
);
const SsoSettingsPage = lazy(() =>
  import("./routes/settings/SsoSettingsPage").then((m) => ({ default: m.SsoSettingsPage })),
);
const TaxonomyPage = lazy(() =>
  import("./routes/taxonomy/TaxonomyPage").then((m) => ({ default: m.TaxonomyPage })),
);
const GroupsPage = lazy(() =>
  import("./routes/groups/GroupsPage").then((m) => ({ default: m.GroupsPage })),
);
const EmailDeliveryPage = lazy(() =>
  import("./routes/settings/EmailDeliveryPage").then((m) => ({ default: m.EmailDeliveryPage })),
);
// The people pages (staff, imports, the access review), likewise.
const StaffPage = lazy(() =>
  import("./routes/people/StaffPage").then((m) => ({ default: m.StaffPage })),
);
const AccessReviewPage = lazy(() =>
  import("./routes/people/AccessReviewPage").then((m) => ({ default: m.AccessReviewPage })),
);
const InvitationPage = lazy(() =>
  import("./routes/people/InvitationPage").then((m) => ({ default: m.InvitationPage })),
);
const ImportPupilsPage = lazy(() =>
  import("./routes/imports/ImportPupilsPage").then((m) => ({ default: m.ImportPupilsPage })),
);
// Visitor links: the DSL team's pages, and the visitor's page that needs no account.
const VisitorLinksPage = lazy(() =>
  import("./routes/visitors/VisitorLinksPage").then((m) => ({ default: m.VisitorLinksPage })),
);
const VisitorConcernsPage = lazy(() =>
  import("./routes/visitors/VisitorConcernsPage").then((m) => ({
    default: m.VisitorConcernsPage,
  })),
);
const VisitPage = lazy(() =>
  import("./routes/visitors/VisitPage").then((m) => ({ default: m.VisitPage })),
);
const later = (page: ReactNode) => ready(<Suspense fallback={<Loading />}>{page}</Suspense>);

export function App() {
  return (
    <HideScreenProvider>
      <SessionProvider>
        <BrowserRouter>
          <IdleLock>
            <HideScreenPasswordReturn />
            <Routes>
              <Route element={<Layout />}>
                <Route index element={ready(<HomePage />)} />
                <Route path="sign-in" element={<SignInPage />} />
                <Route path="forgotten-password" element={<ForgottenPasswordPage />} />
                <Route path="reset-password/:token" element={<ResetPasswordPage />} />
                <Route
                  path="sign-in/code"
                  element={signedIn(<SecondFactorPage key="code" kind="code" />)}
                />
                <Route
                  path="sign-in/recovery-code"
                  element={signedIn(<SecondFactorPage key="recovery" kind="recovery" />)}
                />
                <Route path="agreement" element={signedIn(<AgreementPage />)} />
                <Route path="training" element={signedIn(<TrainingPage />)} />
                <Route path="account" element={ready(<AccountPage />)} />
                <Route path="account/password" element={ready(<ChangePasswordPage />)} />
                <Route path="account/authenticator" element={ready(<AuthenticatorPage />)} />
                <Route path="account/sessions" element={ready(<SessionsPage />)} />
                <Route path="account/security-keys" element={ready(<SecurityKeysPage />)} />
                <Route path="account/devices" element={ready(<DevicesPage />)} />
                <Route path="incidents/new" element={later(<AddIncidentPage />)} />
                <Route path="incidents/:id" element={later(<IncidentPage />)} />
                <Route path="incidents/:id/history" element={later(<IncidentHistoryPage />)} />
                <Route path="actions/:id" element={later(<ActionPage />)} />
                <Route path="actions/:id/edit" element={later(<ActionPage editing />)} />
                <Route path="actions/:id/history" element={later(<ActionHistoryPage />)} />
                <Route path="pupils" element={later(<FindPupilPage />)} />
                <Route path="pupils/:id" element={later(<PupilPage />)} />
                <Route path="pupils/:id/access-log" element={later(<AccessLogPage />)} />
                <Route path="settings/school" element={later(<SchoolSettingsPage />)} />
                <Route path="settings/review" element={later(<ReviewSettingsPage />)} />
                <Route path="settings/sso" element={later(<SsoSettingsPage />)} />
                <Route path="settings/email" element={later(<EmailDeliveryPage />)} />
                <Route path="taxonomy" element={later(<TaxonomyPage />)} />
                <Route path="groups" element={later(<GroupsPage />)} />
                <Route path="people" element={later(<StaffPage />)} />
                <Route path="people/access-review" element={later(<AccessReviewPage />)} />
                <Route path="imports/pupils" element={later(<ImportPupilsPage />)} />
                <Route
                  path="invitation/:token"
                  element={
                    <Suspense fallback={<Loading />}>
                      <InvitationPage />
                    </Suspense>
                  }
                />
                <Route path="visitor-links" element={later(<VisitorLinksPage />)} />
                <Route path="visitor-concerns" element={later(<VisitorConcernsPage />)} />
                <Route
                  path="visit/:token"
                  element={
                    <Suspense fallback={<Loading />}>
                      <VisitPage />
                    </Suspense>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </IdleLock>
        </BrowserRouter>
      </SessionProvider>
    </HideScreenProvider>
  );
}
