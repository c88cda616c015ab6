import { createRoot } from "react-dom/client";
import "./i18n";
import "./print.css";
import { App } from "./app";

createRoot(document.getElementById("root")!).render(<App />);
