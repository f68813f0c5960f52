// @npmcli/arborist ships no types; the bench only constructs it and calls loadVirtual().
declare module '@npmcli/arborist';
