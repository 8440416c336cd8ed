/**
 * `devroom`: registers every devroom element. Importing a single element
 * (`devroom/talk-player`, …) registers only that one.
 */
export {};
