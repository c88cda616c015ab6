export * from "./audit";
export * from "./customers";
export * from "./identity";
export * from "./jobs";
export * from "./messaging";
export * from "./organizations";
export * from "./sla";
export * from "./tickets";
