// When the school sets Hide screen to come back only with the password
// (settings.hideScreenReturn = "password"), hiding locks the session instead: the lock
// screen covers the page at once and asks for the password.
import { useEffect } from "react";
import { useHideScreen } from "../components/HideScreen/HideScreen";
import { useSession } from "./SessionContext";

export function HideScreenPasswordReturn() {
  const { state, lock } = useSession();
  const { setLockInstead } = useHideScreen();
  const session = state.status === "signed-in" ? state.session : undefined;
  const byPassword = session?.school.hideScreenReturn === "password";
  useEffect(() => {
    setLockInstead(byPassword ? lock : null);
    return () => setLockInstead(null);
  }, [byPassword, lock, setLockInstead]);
  return null;
}
