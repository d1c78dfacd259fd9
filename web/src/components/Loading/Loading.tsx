// Loading state: nothing for the first 300 ms (most answers come sooner, and a flash of
// "loading" is worse than a pause), then a quiet skeleton of the page. Never a spinner.
import { useEffect, useState } from "react";
import "./Loading.css";

export const LOADING_DELAY_MS = 300;

export function Loading({ label = "Loading" }: { label?: string }) {
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const timer = window.setTimeout(() => setVisible(true), LOADING_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);

  return (
    <output className="loading">
      {visible && (
        <>
          <span className="visually-hidden">{label}</span>
          <div className="loading__bar loading__bar--heading" />
          <div className="loading__bar" />
          <div className="loading__bar" />
          <div className="loading__bar loading__bar--short" />
        </>
      )}
    </output>
  );
}
