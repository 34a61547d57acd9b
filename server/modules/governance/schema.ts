// GraphQL types of the governance module (filled in by its issue).
export {};
