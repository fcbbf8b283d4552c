import { Link } from "react-router-dom";
import { link } from "../../components/styles.ts";

export default function NotFoundPage() {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold text-tremor-content-strong">Page not found</h1>
      <p>
        <Link to="/" className={link}>
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
