// Tables of the credits domain (filled in next).
export {};
