// GraphQL types of the controlling module (filled in by its issue).
export {};
