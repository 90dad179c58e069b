// The typed rule tests lint their code as this file of the project.
export {};
