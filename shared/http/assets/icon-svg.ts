/** The brand mark as the browser tab's icon: an arched doorway, Haven's "a door that opens". */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0d5c57"/><path d="M7 26V15a9 9 0 0 1 18 0v11z" fill="#fff"/><path d="M13 26v-6a3 3 0 0 1 6 0v6z" fill="#0d5c57"/></svg>
`;
