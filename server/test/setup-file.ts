import { closeEverythingAtEnd } from "./cleanup";

// Runs at the start of every test file (server and journeys): what the file opens is closed at its end.
closeEverythingAtEnd();
