import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { usePageTitle } from "../../lib/pageTitle";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <div className="reading-width">
      <PageHeading>Page not found</PageHeading>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}
